/*
 * Rule types: dates, times, amounts of money, percentages, quantities,
 * e-mail addresses and URLs, found by short patterns over the host's
 * tokens. They need no model, so they work in every language the
 * tokenizer handles; their words are English and those of the languages
 * with a tagger (German, Spanish, Dutch, French, Portuguese, Danish,
 * Swedish, Norwegian, Finnish, Russian): "3 mars 2019", "12 de mayo de
 * 2019", "1. März 2019", "1.000,50 €", "R$ 20", "5 %", "14.30 Uhr".
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "rules.h"

struct cur {
	const char *text;
	const lector_token *tok;
	size_t n;
};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "jan",
	"feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
	"dec", NULL
};
/*
 * Months of the other languages, written lower-case in most of them, so
 * case says nothing: they make a date only with a day before or a year
 * after ("mars" alone is the planet, "mai" a cocktail). Russian and
 * Finnish in the forms a date takes ("3 марта", "2. toukokuuta").
 */
static const char *const foreign_months[] = {
	"januar", "februar", "märz", "jänner", "mai", "juni", "juli",
	"oktober", "dezember", "janvier", "février", "mars", "avril", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre",
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "setiembre", "octubre", "noviembre",
	"diciembre", "januari", "februari", "maart", "mei", "augustus",
	"janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro",
	"outubro", "novembro", "dezembro", "marts", "maj", "juni", "august",
	"mars", "augusti", "desember", "tammikuuta", "helmikuuta",
	"maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta",
	"elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta",
	"tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu",
	"heinäkuu", "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu",
	"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
	"августа", "сентября", "октября", "ноября", "декабря", "january",
	"february", "march", "april", "may", "june", "july", "september",
	"october", "november", "december", NULL
};
static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
	"samstag", "sonnabend", "sonntag", "lundi", "mardi", "mercredi",
	"jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes",
	"miércoles", "jueves", "viernes", "sábado", "maandag", "dinsdag",
	"woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "mandag",
	"tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
	"måndag", "tisdag", "lördag", "söndag", "tysdag", "laurdag",
	"maanantaina", "tiistaina", "keskiviikkona", "torstaina",
	"perjantaina", "lauantaina", "sunnuntaina", "понедельник", "вторник",
	"четверг", "пятницу", "пятница", "субботу", "суббота", "воскресенье",
	NULL
};
static const char *const relative_days[] = {
	"today", "yesterday", "tomorrow", NULL
};
static const char *const periods[] = {
	"week", "month", "year", "weekend", "spring", "summer", "autumn",
	"winter", "decade", "century", NULL
};
static const char *const year_cues[] = {
	"in", "since", "by", "until", "from", "during", "before", "after",
	"of", "to", "early", "late", "mid", NULL
};
static const char *const scales[] = {
	"thousand", "million", "billion", "trillion", "bn", "m", "mn", "k",
	"tn", "millones", "millón", "mil", "millions", "milliards", "milliard",
	"millionen", "mio", "mrd", "milliarden", "miljoen", "miljard",
	"milhões", "milhão", "bilhões", "miljoner", "miljarder", "millioner",
	"milliarder", "miljoonaa", "miljardia", "млн", "млрд", "тыс", NULL
};
/* Between an amount and its currency: "3 millones de euros". */
static const char *const currency_links[] = { "de", "d'", NULL };
static const char *const currency_words[] = {
	"dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling",
	"yen", "yuan", "renminbi", "rupee", "rupees", "cent", "cents", "pence",
	"franc", "francs", "marks", "pesos", "rubles", "roubles", "usd", "eur",
	"gbp", "jpy", "chf", "€", "$", "£", "¥", "₽", "euro", "dólares",
	"reais", "real", "kr", "kronor", "kroner", "kronen", "rublos", "руб",
	"рублей", "рубля", "долларов", "евро", "sek", "nok", "dkk", "rub",
	"brl", NULL
};
static const char *const currency_prefixes[] = {
	"$", "£", "€", "¥", "us$", "a$", "c$", "hk$", "nz$", "s$", "usd",
	"eur", "gbp", "rs", "rs.", "r$", "kr", "kr.", NULL
};
/* Letters glued to "$" that name the dollar: "US$ 5", "R$ 20". */
static const char *const dollar_prefixes[] = {
	"us", "r", "a", "c", "hk", "nz", "s", NULL
};
static const char *const percent_words[] = {
	"percent", "pct", "prozent", "procent", "prosent", "prosenttia",
	"pourcent", "процента", "процентов", "процент", NULL
};
/* "14.30 Uhr", "14 h", "10 heures", "18 horas", "kl. 14". */
static const char *const hour_words[] = {
	"uhr", "h", "heures", "heure", "horas", "hora", "uur", "час", "часов",
	"часа", NULL
};
static const char *const clock_cues[] = { "kl", "kl.", "klo", "kello", NULL };
static const char *const units[] = {
	"km", "kilometre", "kilometres", "kilometer", "kilometers", "mile",
	"miles", "metre", "metres", "meter", "meters", "cm", "mm",
	"centimetres", "millimetres", "kg", "kilogram", "kilograms", "kilos",
	"gram", "grams", "tonne", "tonnes", "ton", "tons", "lb", "lbs", "feet",
	"foot", "ft", "inch", "inches", "yards", "acre", "acres", "hectare",
	"hectares", "litre", "litres", "liter", "liters", "gallon", "gallons",
	"barrel", "barrels", "degrees", "mph", "km/h", "kmh", "mw", "gw", "kw",
	"kwh", "megawatts", "gigawatts", "sq", "square", "ounces", "oz", NULL
};
static const char *const time_suffixes[] = {
	"am", "pm", "a.m.", "p.m.", "gmt", "utc", "bst", "et", "est", "edt",
	"pt", "cet", NULL
};

static const char *
tok_s(const struct cur *c, size_t i)
{
	return c->text + c->tok[i].byte_start;
}

static size_t
tok_len(const struct cur *c, size_t i)
{
	return c->tok[i].byte_end - c->tok[i].byte_start;
}

static int
tok_in(const struct cur *c, size_t i, const char *const *list)
{
	if (i >= c->n)
		return 0;
	/* Most tokens fail on the first letter: test it before the rest. */
	int first = tolower((unsigned char)tok_s(c, i)[0]);
	for (size_t k = 0; list[k] != NULL; k++)
		if ((unsigned char)list[k][0] == first &&
		    strlen(list[k]) == tok_len(c, i) &&
		    strncasecmp(tok_s(c, i), list[k], tok_len(c, i)) == 0)
			return 1;
	return 0;
}

static int
tok_is(const struct cur *c, size_t i, const char *word)
{
	const char *list[2] = { word, NULL };
	return tok_in(c, i, list);
}

/* Tokens i and i + 1 in one sentence, at most a space apart. */
static int
near(const struct cur *c, size_t i)
{
	return i + 1 < c->n && c->tok[i].sentence == c->tok[i + 1].sentence &&
	    c->tok[i + 1].byte_start - c->tok[i].byte_end <= 1;
}

static int
touching(const struct cur *c, size_t i)
{
	return near(c, i) && c->tok[i + 1].byte_start == c->tok[i].byte_end;
}

/* The token is all digits (with , or .): returns the digits' count. */
static size_t
digits(const struct cur *c, size_t i, long *value)
{
	size_t nd = 0;
	long v = 0;

	if (i >= c->n)
		return 0;
	const char *s = tok_s(c, i);
	for (size_t k = 0; k < tok_len(c, i); k++) {
		if (isdigit((unsigned char)s[k])) {
			nd++;
			v = v < 100000000 ? v * 10 + (s[k] - '0') : v;
		} else if (s[k] != ',' && s[k] != '.') {
			return 0;
		}
	}
	if (value != NULL)
		*value = v;
	return nd;
}

static int
is_number(const struct cur *c, size_t i)
{
	return i < c->n && (c->tok[i].kind == LECTOR_TOKEN_NUMBER ||
	    digits(c, i, NULL) > 0);
}

static int
is_day(const struct cur *c, size_t i)
{
	long v;
	size_t nd = digits(c, i, &v);

	if (nd == 0 && i < c->n) {
		/* 21st, 2nd, 3rd, 4th */
		const char *s = tok_s(c, i);
		size_t len = tok_len(c, i), k = 0;
		for (v = 0; k < len && k < 2 && isdigit((unsigned char)s[k]); k++)
			v = v * 10 + (s[k] - '0');
		if (k == 0 || len - k != 2 || !(strncasecmp(s + k, "st", 2) == 0 ||
		    strncasecmp(s + k, "nd", 2) == 0 ||
		    strncasecmp(s + k, "rd", 2) == 0 ||
		    strncasecmp(s + k, "th", 2) == 0))
			return 0;
		nd = k;
	}
	return nd >= 1 && nd <= 2 && v >= 1 && v <= 31;
}

static int
is_year(const struct cur *c, size_t i)
{
	long v;

	return digits(c, i, &v) == 4 && tok_len(c, i) == 4 && v >= 1000 &&
	    v <= 2199;
}

static int
in_list(const char *s, size_t len, const char *const *list)
{
	for (size_t k = 0; list[k] != NULL; k++)
		if (strlen(list[k]) == len && strncasecmp(s, list[k], len) == 0)
			return 1;
	return 0;
}

/*
 * May, March: capitalised, so the modal verb and the walk are left out.
 * "Feb." may come as one token with its full stop.
 */
static int
is_month(const struct cur *c, size_t i)
{
	if (i >= c->n || !isupper((unsigned char)tok_s(c, i)[0]))
		return 0;
	const char *s = tok_s(c, i);
	size_t len = tok_len(c, i);
	if (len > 3 && len <= 5 && s[len - 1] == '.')
		len--;
	return in_list(s, len, months);
}

/* Skips an abbreviation's full stop: "Jan." */
static size_t
after_month(const struct cur *c, size_t i)
{
	if (touching(c, i) && tok_is(c, i + 1, ".") && tok_len(c, i) <= 4)
		return i + 2;
	return i + 1;
}

static int
is_foreign_month(const struct cur *c, size_t i)
{
	return tok_in(c, i, foreign_months);
}

/*
 * Day-first dates of the other languages: "3 mars [2019]", "1. März
 * [2019]", "12 de mayo [de 2019]"; a year after them when it follows.
 */
static size_t
match_day_month(const struct cur *c, size_t i)
{
	size_t j = i + 1;

	if (!is_day(c, i) || !near(c, i))
		return 0;
	/*
	 * "1. März": a sentence splitter may end a sentence at the ordinal's
	 * full stop, so only the spacing counts there.
	 */
	if (touching(c, i) && tok_is(c, j, ".") && j + 1 < c->n &&
	    c->tok[j + 1].byte_start - c->tok[j].byte_end == 1)
		j++;
	else if (tok_is(c, j, "de") && near(c, j))
		j++;
	if (!is_foreign_month(c, j))
		return 0;
	j++;
	if (j < c->n && near(c, j - 1) && is_year(c, j))
		return j + 1 - i;
	if (j + 1 < c->n && near(c, j - 1) && (tok_is(c, j, "de") ||
	    tok_is(c, j, "del")) && near(c, j) && is_year(c, j + 1))
		return j + 2 - i;
	return j - i;
}

/* Pattern functions return the number of tokens matched, or 0. */

static size_t
match_date(const struct cur *c, size_t i)
{
	size_t j;

	if (is_month(c, i)) {
		j = after_month(c, i);
		if (j < c->n && near(c, j - 1) && is_day(c, j)) {
			j++;
			if (j + 1 < c->n && tok_is(c, j, ",") && is_year(c, j + 1))
				return j + 2 - i;
			if (near(c, j - 1) && is_year(c, j))
				return j + 1 - i;
			return j - i;
		}
		if (j < c->n && near(c, j - 1) && is_year(c, j))
			return j + 1 - i;
		/* "May" alone is more often the verb. */
		return tok_is(c, i, "may") ? 0 : j - i;
	}
	if (is_day(c, i) && near(c, i) && is_month(c, i + 1)) {
		j = after_month(c, i + 1);
		if (j < c->n && near(c, j - 1) && is_year(c, j))
			return j + 1 - i;
		return j - i;
	}
	if ((j = match_day_month(c, i)) > 0)
		return j;
	if (tok_in(c, i, weekdays) || tok_in(c, i, relative_days))
		return 1;
	if ((tok_is(c, i, "last") || tok_is(c, i, "next") ||
	    tok_is(c, i, "this")) && near(c, i) && tok_in(c, i + 1, periods))
		return 2;
	return 0;
}

/* "1980s", "the 1990s", "2019-03-01", "in 2019". */
static size_t
match_date_number(const struct cur *c, size_t i, size_t *start)
{
	const char *s = tok_s(c, i);
	size_t len = tok_len(c, i);

	*start = i;
	if (len == 5 && s[4] == 's' && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	    s[3] == '0') {
		if (i > 0 && near(c, i - 1) && tok_is(c, i - 1, "the"))
			*start = i - 1;
		return 1;
	}
	if (len == 10 && s[4] == '-' && s[7] == '-') {
		for (size_t k = 0; k < len; k++)
			if (k != 4 && k != 7 && !isdigit((unsigned char)s[k]))
				return 0;
		return 1;
	}
	if (is_year(c, i) && i > 0 && near(c, i - 1) &&
	    tok_in(c, i - 1, year_cues))
		return 1;
	return 0;
}

static int
clock_token(const struct cur *c, size_t i)
{
	const char *s = tok_s(c, i);
	size_t len = tok_len(c, i);

	/* 10:30 as one token */
	if ((len == 4 || len == 5) && s[len - 3] == ':' &&
	    isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[len - 1]) &&
	    isdigit((unsigned char)s[len - 2]))
		return 1;
	/* 14h30 */
	if ((len == 4 || len == 5) && (s[len - 3] == 'h' || s[len - 3] == 'H') &&
	    isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[len - 1]) &&
	    isdigit((unsigned char)s[len - 2]) &&
	    (len == 4 || isdigit((unsigned char)s[1])))
		return 1;
	/* 3pm, 11am */
	if (len >= 3 && len <= 4 && (strncasecmp(s + len - 2, "am", 2) == 0 ||
	    strncasecmp(s + len - 2, "pm", 2) == 0)) {
		for (size_t k = 0; k < len - 2; k++)
			if (!isdigit((unsigned char)s[k]))
				return 0;
		return 1;
	}
	return 0;
}

static size_t
match_time(const struct cur *c, size_t i)
{
	size_t j = 0;

	if (clock_token(c, i))
		j = i + 1;
	else if (digits(c, i, NULL) && tok_len(c, i) <= 2 && touching(c, i) &&
	    tok_is(c, i + 1, ":") && touching(c, i + 1) &&
	    digits(c, i + 2, NULL) == 2 && tok_len(c, i + 2) == 2)
		j = i + 3;
	else if (digits(c, i, NULL) && tok_len(c, i) <= 2 && near(c, i) &&
	    (tok_is(c, i + 1, "am") || tok_is(c, i + 1, "pm") ||
	    tok_is(c, i + 1, "a.m.") || tok_is(c, i + 1, "p.m.")))
		return 2;
	else if (tok_is(c, i, "noon") || tok_is(c, i, "midnight"))
		return 1;
	else if (digits(c, i, NULL) > 0 && tok_len(c, i) <= 5 && near(c, i) &&
	    tok_in(c, i + 1, hour_words))
		return 2;	/* "14.30 Uhr", "10 heures" */
	else if (tok_in(c, i, clock_cues) && near(c, i) &&
	    digits(c, i + 1, NULL) > 0 && tok_len(c, i + 1) <= 5)
		return 2;	/* "kl. 14.30", "klo 9" */
	if (j == 0)
		return 0;
	if (j < c->n && near(c, j - 1) && tok_in(c, j, time_suffixes))
		j++;
	return j - i;
}

/* NUMBER [scale]: returns the index after it, or i when no number. */
static size_t
amount(const struct cur *c, size_t i)
{
	if (!is_number(c, i))
		return i;
	if (near(c, i) && tok_in(c, i + 1, scales))
		return i + 2;
	return i + 1;
}

static size_t
match_money(const struct cur *c, size_t i)
{
	size_t j;

	/* "US$5", "R$ 20": the tokenizer splits the prefix from the sign. */
	if (tok_in(c, i, dollar_prefixes) && touching(c, i) &&
	    tok_is(c, i + 1, "$") && near(c, i + 1)) {
		j = amount(c, i + 2);
		return j > i + 2 ? j - i : 0;
	}
	if (tok_in(c, i, currency_prefixes) && near(c, i)) {
		j = amount(c, i + 1);
		return j > i + 1 ? j - i : 0;
	}
	j = amount(c, i);
	if (j > i && near(c, j - 1) && tok_in(c, j, currency_words))
		return j + 1 - i;
	if (j > i + 1 && near(c, j - 1) && tok_in(c, j, currency_links) &&
	    near(c, j) && tok_in(c, j + 1, currency_words))
		return j + 2 - i;	/* "3 millones de euros" */
	return 0;
}

static size_t
match_percent(const struct cur *c, size_t i)
{
	if (!is_number(c, i) || !near(c, i))
		return 0;
	if (tok_is(c, i + 1, "%") || tok_in(c, i + 1, percent_words))
		return 2;
	if ((tok_is(c, i + 1, "per") || tok_is(c, i + 1, "pour") ||
	    tok_is(c, i + 1, "por")) && near(c, i + 1) &&
	    (tok_is(c, i + 2, "cent") || tok_is(c, i + 2, "ciento") ||
	    tok_is(c, i + 2, "cento")))
		return 3;
	return 0;
}

/* Digits glued to a unit: "5km", "10kg". */
static int
glued_unit(const struct cur *c, size_t i)
{
	const char *s = tok_s(c, i);
	size_t len = tok_len(c, i), k = 0;

	while (k < len && (isdigit((unsigned char)s[k]) || s[k] == '.' ||
	    s[k] == ','))
		k++;
	if (k == 0 || k == len)
		return 0;
	for (size_t u = 0; units[u] != NULL; u++)
		if (strlen(units[u]) == len - k &&
		    strncasecmp(s + k, units[u], len - k) == 0)
			return 1;
	return 0;
}

static size_t
match_quantity(const struct cur *c, size_t i)
{
	if (glued_unit(c, i))
		return 1;
	size_t j = amount(c, i);
	if (j == i || !near(c, j - 1))
		return 0;
	if (tok_is(c, j, "square") || tok_is(c, j, "sq") ||
	    tok_is(c, j, "cubic")) {
		if (near(c, j) && tok_in(c, j + 1, units))
			return j + 2 - i;
		return 0;
	}
	return tok_in(c, j, units) ? j + 1 - i : 0;
}

static int
emit(const struct cur *c, size_t first, size_t count, int type,
    struct mentions *out)
{
	const lector_token *a = &c->tok[first], *z = &c->tok[first + count - 1];
	struct mention m = { a->start, z->end, a->byte_start, z->byte_end, type,
	    NULL };

	return mentions_add(out, &m);
}

int
rules_find(const char *text, const lector_token *tok, size_t ntok,
    struct mentions *out)
{
	struct cur c = { text, tok, ntok };

	for (size_t i = 0; i < ntok;) {
		size_t n, start = i;
		int type = -1;

		if (tok[i].kind == LECTOR_TOKEN_EMAIL) {
			n = 1;
			type = E_EMAIL;
		} else if (tok[i].kind == LECTOR_TOKEN_URL) {
			n = 1;
			type = E_URL;
		} else if ((n = match_money(&c, i)) > 0) {
			type = E_MONEY;
		} else if ((n = match_percent(&c, i)) > 0) {
			type = E_PERCENT;
		} else if ((n = match_time(&c, i)) > 0) {
			type = E_TIME;
		} else if ((n = match_date(&c, i)) > 0) {
			type = E_DATE;
		} else if ((n = match_date_number(&c, i, &start)) > 0) {
			type = E_DATE;
			n += i - start;
		} else if ((n = match_quantity(&c, i)) > 0) {
			type = E_QUANTITY;
		}
		if (type < 0) {
			i++;
			continue;
		}
		if (emit(&c, start, n, type, out) != 0)
			return -1;
		i = start + n;
	}
	return 0;
}
