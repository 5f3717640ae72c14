/*
 * Key phrase extraction without a trained tagger, so that it works in
 * every language we stem.
 *
 * Candidates are the word n-grams (n <= max_words) inside runs of content
 * words: stopwords, numbers and punctuation end a run (as in RAKE), so no
 * candidate is all stopwords or all digits, and so does a capitalised
 * word after a lowercase one, where a capital marks a name. A candidate
 * is keyed by its stems. The names the entities plugin found, when it
 * ran, are candidates too, stopwords inside included ("Bank of England"),
 * each with the mentions of all its aliases, shown as its fullest name
 * said twice, else the name used most: "Donald Trump" once and "Trump"
 * seven times is "Trump", counted 8. A
 * name is a unit: no n-gram cuts one or has one after its start, and the
 * words inside a name are not listed apart.
 *
 * Score, for a phrase P of n words said in f sentences (its spread: a
 * phrase repeated within one sentence, as in a list, counts once):
 *
 *   score(P) = L(n) * (f - mean f of the repeated phrases that
 *              contain P) * mean over its words of w(word)
 *
 * The first two factors are the C-value of terminology extraction
 * (Frantzi, Ananiadou and Mima 2000): a phrase counts by the uses that are
 * its own, so "Korea" inside "North Korea" and "South Korea" does not
 * outrank them, and the parts of a phrase always said whole drop to
 * nothing. L(n) is the C-value's log2(n + 1), lowered past two words (see
 * length_prior). w(word) says how much the word speaks for this document
 * apart from its frequency: its first use early (the position prior of
 * PositionRank), its presence in the title, and a capital in mid-sentence
 * (a name, as YAKE's casing feature). A phrase of several words, a name
 * included, said once counts in the lead (its first sentences, where an
 * article names its topics, as PositionRank's prior says), at 0.7;
 * further down, said once, it is a phrase, not a topic, and may only
 * fill the list's share of phrases of several words (see diversify).
 * Bylines, links and site furniture are not read at all. In scripts
 * written without spaces (Han, Kana, Thai) the candidates are the
 * character bigrams that occur at least twice.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "candidates.h"

/* The byte after the character that starts at byte at. */
static size_t
next_char(const char *text, size_t at, size_t end)
{
	for (at++; at < end && ((unsigned char)text[at] & 0xc0) == 0x80; at++)
		;
	return at;
}

/* The character bigrams of an ideograph run, each a candidate. */
static void
collect_bigrams(const struct phrase_doc *d, struct table *t, size_t i)
{
	const lector_token *k = &d->tok[i];
	const int32_t *ex;
	struct where w;
	size_t j, nex, a = k->byte_start, b, c;

	ex = terms_extra(d->terms, i, &nex);
	for (j = 0; j < nex; j++) {
		/* A one-character run is its own term, not a bigram. */
		b = next_char(d->text, a, k->byte_end);
		c = k->end - k->start > 1 ? next_char(d->text, b, k->byte_end) : b;
		w.tok = (uint32_t)i;
		w.sentence = k->sentence;
		w.at = (uint32_t)a;
		w.len = (uint32_t)(c - a);
		w.mid = 1;
		w.bigram = 1;
		table_add(t, d->text, &ex[j], 1, &w);
		a = b;
	}
}

/* An HTML character reference left in the text: "&quot;", "&amp;". */
static int
is_char_ref(const struct phrase_doc *d, size_t i)
{
	const lector_token *k = &d->tok[i];

	return k->byte_start > 0 && k->byte_end < d->bytes &&
	    d->text[k->byte_start - 1] == '&' && d->text[k->byte_end] == ';';
}

/*
 * English verbs and adverbs end a phrase, and no phrase ends on an
 * adjective or a gerund (the lists of english_breaks.c): "Kim Jong Un
 * met" is a name and a verb, "nuclear" and "second" say what kind, not
 * what. A word with a capital inside a sentence belongs to a name ("Will
 * Smith", "Second World War"), and a name the entities plugin found is
 * not judged; a title before a name ("Mr.", "Sen.") has a capital too,
 * yet ends a phrase and is none.
 */
static void
mark_english(const struct phrase_doc *d, const struct names *nm,
    uint8_t *mark, size_t first, size_t end)
{
	const struct terms *tm = d->terms;
	size_t i, at, len;

	for (i = first; i < end && i < tm->ntok; i++) {
		if (tm->id[i] < 0 || names_has(nm, i))
			continue;
		at = d->tok[i].byte_start + tm->elided[i];
		len = d->tok[i].byte_end - at;
		/* A title has a capital, yet is no name: "Mr. | Goolsby". */
		if (english_title(d->text + at, len)) {
			mark[i] |= TOKEN_BREAK;
			continue;
		}
		if ((tm->flags[i] & TERM_CAPITAL) && !(mark[i] & TOKEN_INITIAL))
			continue;
		if (english_break(d->text + at, len))
			mark[i] |= TOKEN_BREAK;
		else if (english_modifier(d->text + at, len))
			mark[i] |= TOKEN_MODIFIER;
	}
}

/*
 * Marks TOKEN_LABEL the run of words right before a name, names inside
 * it too: "Road trip comedy | Sideways", "Happy Mondays dancer | Bez".
 * A phrase said only there labels the name; it is no topic of its own.
 */
static void
mark_labels(const struct phrase_doc *d, const struct names *nm,
    uint8_t *mark, size_t first, size_t end)
{
	const struct terms *tm = d->terms;
	size_t i, k;

	for (i = first + 1; i < end && i < tm->ntok; i++) {
		if (!names_after_start(nm, i - 1, i))
			continue;
		for (k = i; k > first; k--) {
			if (tm->id[k - 1] < 0 ||
			    (tm->flags[k - 1] & TERM_NUMBER) ||
			    (mark[k - 1] & (TOKEN_BARRED | TOKEN_BREAK)))
				break;
			mark[k - 1] |= TOKEN_LABEL;
		}
	}
}

/* Collects every n-gram of every run of content words. */
static void
collect(const struct phrase_doc *d, struct table *t, uint8_t *initial,
    const struct names *nm)
{
	const struct terms *tm = d->terms;
	size_t s, i, j, n;
	int32_t id[PHRASE_MAX];
	struct where w;
	struct phrase *p;
	int label;

	for (s = 0; s < d->nsent; s++) {
		const lector_span *sp = &d->sent[s];
		size_t end = sp->first + sp->count;
		enum boiler_reason why = boiler_check(d->text, sp, d->tok, 0);
		/* Short lines and headings do name the topic: keep those. */
		if (why == BOILER_PHRASE || why == BOILER_BYLINE || why == BOILER_LINK)
			continue;
		for (i = sp->first; i < end && i < tm->ntok; i++)
			if (tm->flags[i] & (TERM_STOP | TERM_NUMBER) ||
			    tm->id[i] >= 0) {
				initial[i] |= TOKEN_INITIAL;
				break;
			}
		if (d->english)
			mark_english(d, nm, initial, sp->first, end);
		mark_labels(d, nm, initial, sp->first, end);
		for (i = sp->first; i < end && i < tm->ntok; i++) {
			if (d->tok[i].kind == LECTOR_TOKEN_IDEOGRAPH)
				collect_bigrams(d, t, i);
			w.tok = (uint32_t)i;
			w.sentence = (uint32_t)s;
			w.at = d->tok[i].byte_start + tm->elided[i];
			w.mid = !(initial[i] & TOKEN_INITIAL);
			w.bigram = 0;
			label = 1;
			for (n = 0, j = i; j < end && n < d->max_words; j++, n++) {
				if (tm->id[j] < 0 || (tm->flags[j] & TERM_NUMBER) ||
				    (initial[j] & (TOKEN_BARRED | TOKEN_BREAK)) ||
				    is_char_ref(d, j) ||
				    names_after_start(nm, i, j))
					break;
				label &= (initial[j] & TOKEN_LABEL) != 0;
				/* A name starts a unit: "pop star | Michael Buble". */
				if (n > 0 && d->capital_names &&
				    (tm->flags[j] & TERM_CAPITAL) &&
				    !(tm->flags[j - 1] & TERM_CAPITAL))
					break;
				/*
				 * A noun phrase is its modifiers, then its
				 * nouns: an adjective after a noun starts
				 * another ("arms | nuclear talks").
				 */
				if (n > 0 && (initial[j] & TOKEN_MODIFIER) &&
				    !(initial[j - 1] & TOKEN_MODIFIER))
					break;
				id[n] = tm->id[j];
				w.len = d->tok[j].byte_end - w.at;
				/* "nuclear weapons", not "nuclear" alone. */
				if (initial[j] & TOKEN_MODIFIER)
					continue;
				/*
				 * Where every noun has a capital, a phrase ends
				 * on one: "Karneval-Clubs ausgeschrieben" is a
				 * noun and a verb, not a term.
				 */
				if (n > 0 && !d->capital_names &&
				    !(tm->flags[j] & TERM_CAPITAL))
					continue;
				if (names_cut(nm, i, j))
					continue;
				p = table_add(t, d->text, id, n + 1, &w);
				if (p != NULL && label)
					p->labels++;
			}
		}
	}
}

/*
 * How much a word's specificity (specific.c: 0 in every document, 1
 * never seen) weighs: specificity^SPECIFIC_POWER multiplies its weight.
 * Less than the full IDF (1): KPCrowd's readers write down the common
 * words of a story too ("film", "wedding"), and each step towards the
 * full IDF costs there (development part, PHRASE_SPECIFIC 0.5: overall
 * F1@10 16.3 with no weight, 16.1 at 0.25, 16.0 at 0.5, 15.7 at 1;
 * multi-word 10.9, 11.0, 11.0, 11.0). Sets whose gold is the article's
 * noun phrases reward the IDF (TF-IDF is the strong baseline there).
 */
#define SPECIFIC_POWER 0.25

/*
 * A phrase is more specific than each of its words: its specificity is
 * the sum of theirs (as TF-IDF over noun phrases scores a phrase) over
 * n^(1 - PHRASE_SPECIFIC), so with diminishing returns. The plain sum (1)
 * lists phrases of several words where KPCrowd's readers wrote single
 * ones; on its development part (SPECIFIC_POWER 0.5) the mean (0) gives
 * 16.3 overall and 10.5 multi-word, 0.25 16.2 and 10.6, 0.5 16.0 and
 * 10.9, 0.75 15.6 and 11.8; the best peer has 16.0 overall: 0.5 is the
 * most multi-word F1 that keeps above it.
 */
#define PHRASE_SPECIFIC 0.5

/*
 * Per term: how specific the word is to this article rather than to news
 * in general, so that "hurricane" outranks "people" said as often (the
 * IDF of TF-IDF), relative to the article's average word (by use): a
 * name, which keeps its own weight (1), stands where an average word of
 * the article does, neither above every common word nor below every rare
 * one. 1 for every word without a table for the language.
 */
static void
word_specificity(const struct phrase_doc *d, double *sp)
{
	const struct terms *tm = d->terms;
	const char *stem;
	double sum = 0, uses = 0;
	size_t i;

	for (i = 0; i < tm->nterm; i++) {
		stem = terms_stem(tm, (int32_t)i);
		sp[i] = d->specific == NULL ? 1 :
		    pow(specific_of(d->specific, stem, strlen(stem)),
		    SPECIFIC_POWER);
		sum += sp[i] * tm->count[i];
		uses += tm->count[i];
	}
	for (i = 0; sum > 0 && i < tm->nterm; i++)
		sp[i] *= uses / sum;
}

/* Per term: what a word says of this document beyond its frequency. */
static void
word_weights(const struct phrase_doc *d, const uint8_t *initial, double *ww)
{
	const struct terms *tm = d->terms;
	uint32_t *caps = calloc(tm->nterm ? tm->nterm : 1, sizeof(*caps));
	size_t i, a, first_sent;

	for (i = 0; caps != NULL && i < tm->ntok; i++)
		if (tm->id[i] >= 0 && !(initial[i] & TOKEN_INITIAL) &&
		    (tm->flags[i] & TERM_CAPITAL))
			caps[tm->id[i]]++;
	for (i = 0; i < tm->nterm; i++) {
		double s = 1;
		first_sent = d->tok[tm->first[i]].sentence;
		/* Words of the opening sentences say what the article is about. */
		s *= 1.0 + 1.0 / (1.0 + (double)first_sent);
		for (a = 0; a < d->ntitle; a++)
			if (d->title[a] == (int32_t)i) {
				s *= 2.0;
				break;
			}
		if (caps != NULL && caps[i] > 0 && caps[i] * 2 >= tm->count[i])
			s *= 1.5;
		ww[i] = s;
	}
	free(caps);
}

/*
 * Adds the count of each repeated phrase to the phrases inside it, for
 * the C-value: sup[i] sums the counts of the phrases that contain phrase
 * i, nsup[i] counts them.
 */
static void
nest(struct table *t, double *sup, uint32_t *nsup)
{
	size_t i, a, len;

	for (i = 0; i < t->n; i++) {
		struct phrase *p = &t->p[i];
		if (p->n < 2 || p->count < 2)
			continue;
		for (len = 1; len < p->n; len++)
			for (a = 0; a + len <= p->n; a++) {
				int32_t s = *table_find(t, p->id + a, len);
				if (s < 0)
					continue;
				sup[s] += p->sentences;
				nsup[s]++;
			}
	}
}

/*
 * A run of words said once is a topic only where an article names its
 * topics: the lead. There it counts at LEAD_ONCE of a phrase said in one
 * sentence of its own, so that a phrase said twice still comes first.
 * Further down it is no topic of its own: scored at LATE_ONCE and marked
 * late, it may only fill the list's share of phrases (see diversify).
 */
#define LEAD_SENTENCES 3
#define LEAD_ONCE 0.7
#define LATE_ONCE 0.3

/*
 * The length prior: log2(n + 1), the C-value's, up to two words; a run
 * of three or more is more often a clause than a term ("Penelope Cruz
 * gets", "gunmen opened fire"), so it counts less. On KPCrowd's
 * development part 8% of the two-word runs between stopwords are gold
 * phrases, 4% of the three-word ones, 2% of the four-word ones.
 */
static double
length_prior(size_t n)
{
	double l = log2((double)n + 1);

	if (n == 3)
		return 0.7 * l;
	return n > 3 ? 0.4 * l : l;
}

/* What an English run ending on a participle keeps of its score. */
#define CLAUSE_END 0.5

/*
 * English word shapes (english.c): a light word or a participle is no key
 * phrase alone, and a run ending on a participle is more often a clause
 * than a term.
 * A name is not judged.
 */
static double
english_weight(const struct phrase_doc *d, const struct phrase *p)
{
	const struct phrase_form *f = &p->form[0];

	if (p->entity || p->bigram)
		return 1;
	/*
	 * Alone, a participle is what happened, not what the article is
	 * about: "rejected", "tumbled", "evicted".
	 */
	if (p->n == 1)
		return english_light(terms_stem(d->terms, p->id[0])) ||
		    english_clause_end(d->text + f->at, f->len) ? 0 : 1;
	return english_clause_end(d->text + f->at, f->len) ? CLAUSE_END : 1;
}

/*
 * Whether the title says phrase p of several words, whole: "Charity
 * single for quake relief" says "charity single". The title names the
 * article's topic, though the reader keeps it apart from the text: a
 * phrase it says is no phrase said once, and the title counts as
 * TITLE_SAYS of a sentence, so that a word said in three sentences of
 * the text still outranks the title's phrase said in one ("Bahnstrecke",
 * not "neue Bahnstrecke").
 */
#define TITLE_SAYS 0.5

static int
in_title(const struct phrase_doc *d, const struct phrase *p)
{
	size_t a;

	if (p->n < 2 || p->entity)
		return 0;
	for (a = 0; a + p->n <= d->ntitle; a++)
		if (memcmp(d->title + a, p->id, p->n * sizeof(*p->id)) == 0)
			return 1;
	return 0;
}

/*
 * sp: per term, its specificity (word_specificity); a name the entities
 * plugin found keeps its own weight, as names are what no general count
 * knows ("Gilbert" the hurricane, "Kim" the leader).
 */
static void
score(const struct phrase_doc *d, struct table *t, const double *ww,
    const double *sp, const double *sup, const uint32_t *nsup)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		struct phrase *p = &t->p[i];
		double own = p->sentences, m = 0, spec = 0, once = 1;
		size_t words = 0;
		int titled = in_title(d, p);
		p->score = 0;
		/*
		 * Said only right before a name, a phrase is a label of that
		 * name, not a topic: "Racing pundit John McCririck", "Late
		 * R&B star Aaliyah", "President Trump".
		 */
		if (p->alias || (p->labels == p->count && !p->entity))
			continue;
		own += TITLE_SAYS * titled;
		/* Said once, a bigram is no topic; a run of words, in the lead. */
		if (p->count + titled < 2 && (p->n > 1 || p->bigram)) {
			if (p->bigram)
				continue;
			p->late = d->tok[p->tok].sentence >= LEAD_SENTENCES;
			once = p->late ? LATE_ONCE : LEAD_ONCE;
		}
		if (nsup[i] > 0)
			own -= sup[i] / nsup[i];
		if (own <= 0)
			continue;
		for (j = 0; j < p->n; j++)
			if (p->id[j] >= 0 && (size_t)p->id[j] < d->terms->nterm) {
				m += ww[p->id[j]];
				spec += sp[p->id[j]];
				words++;
			}
		m = words ? m / (double)words : 1;
		/* A name keeps its own weight: no count knows "Gilbert". */
		if (words > 0 && !p->entity)
			m *= spec / pow((double)words, 1 - PHRASE_SPECIFIC);
		p->score = once * length_prior(p->n) * own * m;
		if (d->english)
			p->score *= english_weight(d, p);
	}
}

static int
cmp_score(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->tok > y->tok) - (x->tok < y->tok);
}

/* The words a phrase is shown with: an entity's shown name. */
static const int32_t *
shown_key(const struct phrase *p, size_t *n)
{
	if (p->show_n > 0) {
		*n = p->show_n;
		return p->show_id;
	}
	*n = p->n;
	return p->id;
}

/* Whether the words of a occur, in order and together, inside b. */
static int
inside(const struct phrase *a, const struct phrase *b)
{
	size_t i, na, nb;
	const int32_t *ka = shown_key(a, &na), *kb = shown_key(b, &nb);

	if (na > nb)
		return 0;
	for (i = 0; i + na <= nb; i++)
		if (memcmp(ka, kb + i, na * sizeof(*ka)) == 0)
			return 1;
	return 0;
}

/*
 * Whether c shares a word with a chosen phrase: "relief fund" beside
 * "drought relief", "water board" beside "water", say the same twice.
 */
static int
shares_word(const struct phrase *c, const struct phrase *out, size_t n)
{
	size_t i, j, a, nc, no;
	const int32_t *kc = shown_key(c, &nc), *ko;

	for (j = 0; j < n; j++) {
		ko = shown_key(&out[j], &no);
		for (i = 0; i < nc; i++)
			for (a = 0; a < no; a++)
				if (kc[i] == ko[a])
					return 1;
	}
	return 0;
}

/* Whether a phrase is shown with several words ("Trump" is one). */
static int is_multi(const struct phrase *p);

/* Whether c shares a word with a chosen phrase of several words. */
static int
shares_multi(const struct phrase *c, const struct phrase *out, size_t n)
{
	size_t j;

	for (j = 0; j < n; j++)
		if (is_multi(&out[j]) && shares_word(c, &out[j], 1))
			return 1;
	return 0;
}

/* Whether a phrase is shown with several words ("Trump" is one). */
static int
is_multi(const struct phrase *p)
{
	size_t n;

	shown_key(p, &n);
	return n > 1;
}

/*
 * A list of key phrases is a list of phrases, not of words: at least
 * MULTI_SHARE tenths of it are phrases of several words when candidates
 * worth it remain. The best such phrase said in two sentences or more
 * takes the place of a listed single word it contains ("tour" becomes
 * "summer tour") when it makes up at least 1/GROW_SHARE of the word's
 * uses and shares no word with the rest of the list; else the best one
 * sharing no word with the list takes the place of the last single word.
 * Either way it must score at least MULTI_FLOOR of the word it replaces.
 * Words said often still lead the list.
 */
#define MULTI_SHARE 3
#define MULTI_FLOOR 0.3
#define GROW_SHARE 3

/*
 * The index of the one listed single word inside c when c shares no
 * word with any other listed phrase, else n.
 */
static size_t
grown_word(const struct phrase *c, const struct phrase *out, size_t n)
{
	size_t j, part = n;

	for (j = 0; j < n; j++) {
		if (part == n && !is_multi(&out[j]) && inside(&out[j], c))
			part = j;
		else if (shares_word(c, &out[j], 1))
			return n;
	}
	return part;
}

static size_t
diversify(struct table *t, size_t k, struct phrase *out, size_t n)
{
	size_t need = k * MULTI_SHARE / 10, m = 0, i, j;
	double keep;

	for (j = 0; j < n; j++)
		m += is_multi(&out[j]);
	for (i = 0; m < need && n == k && i < t->n && t->p[i].score > 0; i++) {
		struct phrase *c = &t->p[i];
		if (!is_multi(c))
			continue;
		j = c->sentences > 1 ? grown_word(c, out, n) : n;
		if (j < n) {
			/* "Trump" said twenty times stays "Trump". */
			if (c->score < MULTI_FLOOR * out[j].score ||
			    GROW_SHARE * c->count < out[j].count)
				continue;
			/* In the word's place, with its score. */
			keep = out[j].score;
			out[j] = *c;
			out[j].score = keep;
			m++;
			continue;
		}
		if (shares_word(c, out, n))
			continue;
		for (j = n; j-- > 0;)
			if (!is_multi(&out[j]))
				break;
		if (j == (size_t)-1 || c->score < MULTI_FLOOR * out[j].score)
			break;
		memmove(&out[j], &out[j + 1], (n - j - 1) * sizeof(*out));
		out[n - 1] = *c;
		/* It comes last: its score may not rise above the one before. */
		if (n > 1 && out[n - 1].score > out[n - 2].score)
			out[n - 1].score = out[n - 2].score;
		m++;
	}
	return n;
}

/*
 * Best first, no phrase inside another. A longer phrase takes the place
 * of the chosen parts it contains when it makes up two thirds of each
 * part's uses ("Vagina Monologues" over "Vagina" and "Monologues"), not
 * when a part is a topic of its own ("river" beside "river bridge").
 */
static size_t
choose(struct table *t, size_t k, struct phrase *out)
{
	size_t i, j, n = 0, parts, ok, at;
	double best;

	qsort(t->p, t->n, sizeof(*t->p), cmp_score);
	for (i = 0; i < t->n && t->p[i].score > 0; i++) {
		struct phrase *c = &t->p[i];
		if (c->late)
			continue;
		parts = ok = 0;
		at = n;
		best = c->score;
		for (j = 0; j < n; j++) {
			if (inside(c, &out[j]))
				break;
			if (inside(&out[j], c)) {
				parts++;
				ok += 3 * c->count >= 2 * out[j].count;
				if (at == n) {
					at = j;
					best = out[j].score;
				}
			}
		}
		if (j < n || parts != ok)
			continue;
		/* "relief fund" after "drought relief" says it again. */
		if (parts == 0 && is_multi(c) && shares_multi(c, out, n))
			continue;
		if (parts > 0) {
			/* Drop the parts, keep the place and score of the first. */
			for (j = n; j-- > at + 1;)
				if (inside(&out[j], c)) {
					memmove(&out[j], &out[j + 1],
					    (n - j - 1) * sizeof(*out));
					n--;
				}
			out[at] = *c;
			out[at].score = best;
			continue;
		}
		if (n == k)
			break;
		out[n++] = *c;
	}
	return diversify(t, k, out, n);
}

const struct phrase_form *
phrase_shown(const struct phrase *p)
{
	const struct phrase_form *best = &p->form[0];
	size_t i;

	for (i = 1; i < p->nform; i++) {
		const struct phrase_form *f = &p->form[i];
		if (f->count > best->count ||
		    (f->count == best->count && f->mid && !best->mid))
			best = f;
	}
	return best;
}

int
phrases_pick(const struct phrase_doc *d, size_t k, struct phrase *out)
{
	const struct terms *tm = d->terms;
	struct table t;
	uint8_t *initial;	/* TOKEN_* per token */
	struct names nm = { 0 };
	double *ww, *sp, *sup = NULL;
	uint32_t *nsup = NULL;
	size_t n = 0;
	int rc;

	rc = table_init(&t);
	initial = calloc(tm->ntok + 1, 1);
	ww = malloc((tm->nterm + 1) * sizeof(*ww));
	sp = malloc((tm->nterm + 1) * sizeof(*sp));
	if (rc == LECTOR_OK && (initial == NULL || ww == NULL || sp == NULL))
		rc = LECTOR_ENOMEM;
	if (rc == LECTOR_OK && json_is_array(d->entities))
		rc = names_mark(d, initial, &nm);
	if (rc == LECTOR_OK)
		credits_mark(d, initial);
	if (rc == LECTOR_OK) {
		collect(d, &t, initial, &nm);
		if (json_is_array(d->entities))
			names_merge(d, &t, initial, &nm);
		/* Sized by the candidates found, not by the tokens. */
		sup = calloc(t.n + 1, sizeof(*sup));
		nsup = calloc(t.n + 1, sizeof(*nsup));
		if (t.nomem || sup == NULL || nsup == NULL)
			rc = LECTOR_ENOMEM;
	}
	if (rc == LECTOR_OK) {
		word_weights(d, initial, ww);
		word_specificity(d, sp);
		nest(&t, sup, nsup);
		score(d, &t, ww, sp, sup, nsup);
		n = choose(&t, k, out);
	}
	table_free(&t);
	free(initial);
	free(nm.first);
	free(nm.end);
	free(ww);
	free(sp);
	free(sup);
	free(nsup);
	return rc == LECTOR_OK ? (int)n : rc;
}
