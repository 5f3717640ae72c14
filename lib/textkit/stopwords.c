/*
 * Stopword lists: the function words of each language (articles, pronouns,
 * prepositions, conjunctions, auxiliary verbs and the commonest adverbs),
 * written for lector, lowercase, separated by single spaces. They are kept
 * short on purpose: a word missing here is still discounted by the
 * in-document weighting, while a content word wrongly listed here is lost
 * to both summary and keywords.
 */
#include <stddef.h>
#include <string.h>

#include "stopwords.h"

struct stoplist {
	const char *code;	/* ISO 639-1 */
	const char *words;
};

static const struct stoplist lists[] = {
	{ "en",
	  "a about above according across after again against all almost "
	  "along also am amid among amongst an and any are around aren't "
	  "as at be because been before being below between both but by "
	  "can can't cannot could couldn't did didn't do does doesn't "
	  "doing don't despite down during each either else ever every "
	  "few for from further had hadn't has hasn't have haven't having "
	  "he he'd he'll he's her here here's hers herself him himself "
	  "his how how's however i i'd i'll i'm i've if in including into "
	  "is isn't it it's its itself just less let's may me might more "
	  "most mr mrs ms much must mustn't my myself neither near no nor "
	  "not now of off on once one only onto or other ought our ours "
	  "ourselves out over own per rather said same say says shall "
	  "shan't she she'd she'll she's should shouldn't since so some "
	  "still such than that that's the their theirs them themselves "
	  "then there there's these they they'd they'll they're they've "
	  "this those though through thus to told too toward towards "
	  "under unless until up upon us very via was wasn't we we'd "
	  "we'll we're we've were weren't what what's when when's where "
	  "where's whether which while whilst who who's whom whose why "
	  "why's will with within without won't would wouldn't yet you "
	  "you'd you'll you're you've your yours yourself yourselves two "
	  "three four five six seven eight nine ten" },
	{ "fr",
	  "a à afin ai aie aient ainsi ait alors as au aucun aucune "
	  "auquel aussi autre autres aux auxquels avaient avais avait "
	  "avant avec avez aviez avions avoir avons ayant c c' ça car ce "
	  "ceci cela celle celles celui cependant ces cet cette ceux "
	  "chacun chaque chez ci comme comment d d' dans de des donc dont "
	  "du elle elles en encore entre es est et étaient étais était "
	  "été êtes étions être eu eux fait font furent fut haut hors il "
	  "ils j j' je jusqu jusque l l' la là laquelle le lequel les "
	  "lesquels leur leurs lors lui m m' ma mais me même mêmes mes "
	  "moi mon n n' ne ni non nos notre nous on ont or ou où par "
	  "parce pas peu peut pendant peut plus plutôt pour pourquoi puis "
	  "qu qu' quand que quel quelle quelles quels qui quoi s s' sa "
	  "sans se selon sera serait ses si sien sienne soi soit sommes "
	  "son sont sous souvent suis sur t t' ta tandis te tes toi ton "
	  "tous tout toute toutes très tu un une unes uns vers vos votre "
	  "vous y deux trois quatre cinq six sept huit neuf dix" },
	{ "de",
	  "aber alle allem allen aller alles als also am an ander andere "
	  "anderem anderen anderer anderes auch auf aus bei beim bin bis "
	  "bist da damit dann das dass dem den denn der des dessen "
	  "deshalb die dies diese diesem diesen dieser dieses doch dort "
	  "du durch ein eine einem einen einer eines einige einigen er es "
	  "etwa euch euer eure für gegen gewesen hab habe haben hat hatte "
	  "hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren "
	  "ihrer ihres im in ins ist ja jede jedem jeden jeder jedes "
	  "jedoch jene jenem jenen jener jenes jetzt kann kein keine "
	  "keinem keinen keiner können könnte man manche mehr mein meine "
	  "meinem meinen meiner mich mir mit muss musste nach nicht "
	  "nichts noch nun nur ob oder ohne schon sehr sein seine seinem "
	  "seinen seiner seit sich sie sind so solche soll sollte sondern "
	  "sonst über um und uns unser unsere unter viel vom von vor "
	  "während war waren warum was weil welche welchem welchen "
	  "welcher welches wenn wer werde werden wie wieder will wir wird "
	  "wo wollen wurde wurden zu zum zur zwar zwischen zwei drei vier "
	  "fünf sechs sieben acht neun zehn" },
	{ "es",
	  "a al algo algunas algunos ante antes aquel aquella aquellas "
	  "aquellos aquí así aun aunque bajo cada como con contra cual "
	  "cuales cuando cuya cuyo de del desde donde dos durante e el él "
	  "ella ellas ellos en entre era eran es esa esas ese eso esos "
	  "esta está están estaba estado estar estas este esto estos "
	  "estoy fue fueron ha había habían han hasta hay la las le les "
	  "lo los más me mi mis mucho muy nada ni no nos nosotros o os "
	  "otra otras otro otros para pero poco por porque que qué quien "
	  "quienes se sea según ser si sí sido siempre sin sino sobre son "
	  "su sus también tan tanto te tiene tienen toda todas todo todos "
	  "tras tu tus un una unas uno unos usted ustedes y ya yo dos "
	  "tres cuatro cinco seis siete ocho nueve diez" },
	{ "it",
	  "a ad agli ai al alla alle allo anche ancora avere aveva "
	  "avevano c' che chi ci come con contro cui da dai dal dalla "
	  "dalle dallo degli dei del della delle dello dentro di dopo "
	  "dove e è ed egli ella essere era erano fa fino fra gli ha "
	  "hanno ho i il in io l' la le lei li lo loro lui ma mi mia mie "
	  "miei mio molto ne nei nel nella nelle nello no noi non nostra "
	  "nostro o ogni per però più poi può qual quale quali quando "
	  "quanto quella quelle quelli quello questa queste questi questo "
	  "se sé sei senza si sia siamo sono sopra sotto sta stato su sua "
	  "sue sui sul sulla sulle suo suoi tra tu tutti tutto un una uno "
	  "voi vostro due tre quattro cinque sei sette otto nove dieci" },
	{ "pt",
	  "a à ao aos aquela aquelas aquele aqueles aquilo as às até com "
	  "como contra da das de dela delas dele deles depois do dos e é "
	  "ela elas ele eles em entre era eram essa essas esse esses esta "
	  "está estão estas este estes eu foi foram há isso isto já lhe "
	  "lhes mais mas me mesmo meu meus minha minhas muito na nas não "
	  "nem no nos nós nossa nosso num numa o os ou para pela pelas "
	  "pelo pelos por qual quando que quem se sem ser seu seus só "
	  "sobre sua suas também te tem têm ter teu tua um uma umas uns "
	  "você vocês dois duas três quatro cinco seis sete oito nove dez" },
	{ "nl",
	  "aan al alle als alles ben bij daar dan dat de der deze die dit "
	  "doch doen door dus een eens en er ge geen geweest haar had heb "
	  "hebben heeft hem het hier hij hoe hun iemand ik in is ja je "
	  "kan kon kunnen maar me meer men met mij mijn moet na naar niet "
	  "niets nog nu of om omdat ons onze ook op over reeds te tegen "
	  "toch toen tot u uit uw van veel voor want waren was wat we wel "
	  "werd wie wij wordt worden zal ze zei zelf zich zij zijn zo "
	  "zonder zou twee drie vier vijf zes zeven acht negen tien" },
	{ "sv",
	  "alla allt att av blev bli blir de dem den denna deras dess det "
	  "detta dig din dina ditt du där efter ej eller en er era ert "
	  "ett från för ha hade han hans har henne hennes hon honom hur "
	  "här i icke inom inte jag ju kan man med mellan men mig min "
	  "mina mitt mot mycket ni nu när och om oss på sedan sig sin "
	  "sina sitt själv skulle som så till under upp ut utan vad var "
	  "vara varit vi vid vilka vilken vilket än är över" },
	{ "da",
	  "af alle andet andre at blev blive bliver da de dem den denne "
	  "der deres det dette dig din dine disse dit du efter eller en "
	  "end er et for fra ham han hans har havde have hende hendes her "
	  "hos hun hvad hvis hvor i ikke ind jeg jer kan man mange med "
	  "meget men mig min mine mit mod ned noget nogle nu når og også "
	  "om op os over på selv sig sin sine sit skal skulle som sådan "
	  "thi til ud under var vi vil ville vor være været" },
	{ "no",
	  "alle at av bare begge ble bli blir da de deg dei deim deira "
	  "deires dem den denne der dere deres det dette di din disse "
	  "ditt du eller en ene eneste enn er et ett etter for fordi fra "
	  "før ha hadde han hans har hennar henne hennes her hjå ho hoe "
	  "honom hun hva hvem hver hvilke hvis hvor hvordan i ikke ikkje "
	  "ingen inn jeg kan kom kun kunne man mange me med meg men mi "
	  "min mine mitt mot mye må ned no noe noen nå når og også om opp "
	  "oss over på samme seg selv si sia sidan siden sin sine sitt "
	  "skal skulle slik som så til um under upp ut uten var vart ved "
	  "vi vil ville vore vår være vært" },
	{ "fi",
	  "ei eivät emme en et ette että he heidän heille heitä hän hänen "
	  "häntä ja johon joiden joihin joka jolla jolle jolta jonka jos "
	  "jota jotka kanssa koska kuin kuka kun me meidän meille meitä "
	  "mikä mitä mukaan mutta ne niiden niin niitä noin nyt ole "
	  "olemme olen olet olette oli olivat olla ollut on ovat se sekä "
	  "sen siihen siinä siitä silloin sitä sinä te tai tämä tämän "
	  "tässä tätä vaan vai voi vuoksi yli" },
	{ "ru",
	  "а без более бы был была были было быть в вам вас весь во вот "
	  "все всего всех вы где да даже для до его ее её если есть еще "
	  "ещё же за здесь и из или им их к как ко когда кто ли либо мне "
	  "может мы на над надо наш не него нее неё нет ни них но ну о об "
	  "однако он она они оно от очень по под при с со так также такой "
	  "там те тем то того тоже той только том ты у уже хотя чего чей "
	  "чем что чтобы чье чья эта эти это этого этой этом я" },
};

const char *
stopwords_list(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (strcmp(lists[i].code, code) == 0)
			return lists[i].words;
	return NULL;
}

const char *
stopwords_code(size_t i)
{
	if (i >= sizeof(lists) / sizeof(lists[0]))
		return NULL;
	return lists[i].code;
}
