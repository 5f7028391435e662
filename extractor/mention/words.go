package mention

import (
	"strings"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
)

// The word lists below are keyed by normalized token text (see normalize):
// lower case, no periods, hyphens as spaces ("mr" for "Mr.", "co founder"
// for "co-founder"). [set] normalizes the words it is given.

// honorifics are forms of address that are stripped from names but are not
// roles.
var honorifics = set(`mr mrs ms miss mx messrs mmes mme mlle madame monsieur herr frau sir dame`)

// titles are words that can stand directly before a person's name as a
// title ("President Putin", "Gen. Smith", "Prime Minister May"; "justice
// scalia" in lower-case text), kinship words among them ("Grandmother
// Yusra"). A tagged person mention that starts with them is trimmed to the
// name.
var titles = union(sovereignTitles, set(`president vice-president president-elect premier prime minister pm chancellor director-general secretary-general
	secretary senator sen gov governor mayor rep representative congressman congresswoman
	pope sheikh shaikh ayatollah
	gen general adm admiral col colonel lt lieutenant maj major capt captain cmdr commander
	sgt sergeant cpl corporal pvt marshal brig brigadier
	dr prof professor judge justice ambassador amb atty attorney
	rev reverend fr bishop archbishop cardinal rabbi imam sheriff
	chairman chairwoman chief deputy vice foreign defence defense finance interior
	hon supt insp det inspector detective alderman alderwoman councilman councilwoman councillor councilor councilmember
	assemblyman assemblywoman assemblymember selectman selectwoman
	aunt auntie uncle grandma grandmother grandpa grandfather`))

// sovereignTitles are the titles of rulers, before a name ("King Charles")
// or before "of" and the realm ("King of Portugal", see rulerTitles).
var sovereignTitles = set(`king queen prince princess infante infanta emperor empress sultan emir shah tsar czar tsarina kaiser pharaoh caliph`)

// roleHeads are the last word of a role phrase: "opposition leader",
// "political analyst", "President".
var roleHeads = set(`president vice-president president-elect premier minister chancellor
	secretary secretary-general director-general attorney-general governor-general senator sen gov governor mayor rep representative congressman congresswoman
	lawmaker legislator mp deputy politician candidate nominee leader chairman chairwoman
	chair chairperson ceo cfo coo executive director manager head chief boss founder
	co-founder owner partner investor billionaire tycoon magnate mogul spokesman spokeswoman spokesperson official aide
	adviser advisor envoy ambassador amb diplomat consul commissioner
	king queen prince princess infante infanta pope emperor empress monarch ruler sultan sheikh emir
	shah tsar czar tsarina kaiser pharaoh caliph
	ayatollah dictator strongman autocrat
	gen general adm admiral col colonel lt lieutenant maj major capt captain cmdr commander
	sgt sergeant marshal brigadier officer soldier
	dr prof professor analyst economist strategist expert scientist researcher historian
	scholar lecturer physician doctor surgeon
	judge justice prosecutor lawyer attorney atty barrister solicitor
	rev reverend bishop archbishop cardinal rabbi imam cleric priest pastor
	journalist reporter editor correspondent columnist commentator writer author novelist
	poet artist actor actress singer musician rapper producer filmmaker
	activist dissident campaigner crusader blogger
	coach striker midfielder defender goalkeeper forward quarterback pitcher champion
	sheriff inspector detective superintendent supt insp det alderman alderwoman councilman councilwoman
	councillor councilor councilmember assemblyman assemblywoman assemblymember selectman selectwoman`)

// speechVerbs introduce what someone said.
var speechVerbs = set(`said says say told tells added adds wrote writes asked asks announced announces
	declared declares stated states explained explains argued argues insisted insists warned warns
	claimed claims noted notes replied replies stressed stresses according`)

// speechVerbForms are every form of every verb of speech the lexicon lists,
// as the quote stage reads them ("warns", "claims"); speechVerbs are the
// common few that grouping reads as a name speaking.
var speechVerbForms = lexicon.SpeechVerbs()

// roleAcronyms are role words written in capitals.
var roleAcronyms = set(`ceo cfo coo cto mp`)

// roleStop are lower-case words that end a role phrase when walking back from
// a name: function words, verbs of speech and the like. Any other lower-case
// word can modify a role ("opposition leader", "political analyst").
var roleStop = set(`a an the this that these those his her its their our my your
	and or but nor of in on at to for from by with as into onto over under about after
	before than then when while who whom whose which what where why how
	said says say told tells asked asks added adds wrote writes according quoted
	is are was were be been being has have had do does did will would can could
	shall should may might must not no also only just even still both either neither
	he she it they we you i him them us me
	since past through without against including between among behind beyond like unlike via per
	plus amid despite during near toward towards across along around versus vs upon within
	off out up down back again ago once twice there here now today yesterday tomorrow
	minutes minute week weeks year years time times first last next
	meet meets see sees saw call calls urge urges tell join joins face faces beat beats
	win wins won lose loses lost hit hits replace replaces elect topple let made make makes
	former late new then-`)

// lowerFunctionWords are ignored when the initials of a name are compared with
// an acronym ("Bank of America" → "BA" as well as "BOA").
var lowerFunctionWords = set(`of the and for de du des la le di da del der van von on in at to &`)

// commonWords are ordinary English words that are also names ("May",
// "Will", "Bush"). A single-token name that is one of them is never added to
// an entity by recovery: only the tagger can say it is a name.
var commonWords = set(`a about above after again against all also am an and any are as at away back
	be because been before being below best better between big bill black both brown bush but by
	call can case cash chase china church city close cook could day did do does down during each
	east end even every fair faith far few field first for ford fox free from game gap general
	glory gold good grace grant great green grey gray had hall happy hard has have he her here
	high hill him his home hope house how hunt i if in into is it its joy just justice key king
	lake land last late law lee left less like little long lord love low lucky made main major
	many mark may me might mine miss more most much must my new next nice no nor north not now
	of off old on once one only or other our out over park past people pierce post power price
	pride queen rich right river rock rose round royal said same sea see she shell should
	since small so some south spring star state still stone street strong such summer sun
	swift take than that the their them then there these they this those through time to today
	too top under union up upon us very was way we well were west what when where which while
	white who why will win winter with wood word work world would yet you young your
	monday tuesday wednesday thursday friday saturday sunday
	january february march april june july august september october november december
	god mother father son daddy mum mom sir lady madam`)

// demonyms are nationality, regional and religious adjectives: one of them
// alone ("Russian", "Belarusian", "Muslim") is never a person, place or
// organization, whatever the tagger says, so it is treated as MISC.
var demonyms = set(`afghan albanian algerian american andorran angolan argentine argentinian armenian
	australian austrian azerbaijani azeri bahraini bangladeshi belarusian belarussian byelorussian
	belgian beninese bhutanese bolivian bosnian botswanan brazilian british bulgarian burkinabe
	burmese burundian cambodian cameroonian canadian chadian chilean chinese colombian congolese
	croatian croat cuban cypriot czech danish djiboutian dominican dutch ecuadorian egyptian emirati
	english eritrean estonian ethiopian fijian filipino finnish french gabonese gambian georgian
	german ghanaian greek guatemalan guinean haitian honduran hungarian icelandic indian indonesian
	iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kazakhstani kenyan
	korean kosovar kosovan kuwaiti kyrgyz laotian latvian lebanese liberian libyan lithuanian
	luxembourgish macedonian malagasy malawian malaysian maldivian malian maltese mauritanian
	mauritian mexican moldovan monegasque mongolian montenegrin moroccan mozambican namibian nepalese
	nepali nicaraguan nigerian nigerien norwegian omani pakistani palestinian panamanian paraguayan
	persian peruvian polish portuguese qatari romanian russian rwandan salvadoran saudi scottish
	senegalese serb serbian singaporean slovak slovakian slovene slovenian somali sudanese surinamese
	swazi swedish swiss syrian taiwanese tajik tanzanian thai tibetan togolese tunisian turkish turkmen
	ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni yugoslav zambian zimbabwean
	arab arabic kurdish basque catalan chechen flemish walloon tatar uighur uyghur pashtun baloch
	african asian european latin nordic scandinavian balkan caribbean soviet
	jewish muslim christian catholic protestant orthodox sunni shi'ite shiite shia hindu buddhist sikh
	islamic islamist`)

// periodAdjectives are periods and the adjectives of past peoples and
// styles ("Renaissance", "Gothic", "Byzantine"): one of them alone is no
// name, as a demonym is.
var periodAdjectives = normalized(lexicon.Set("period-adjectives"))

// nameSuffixes follow a person's name ("Martin Luther King Jr."): never a
// short form or a name on their own.
var nameSuffixes = set(`jr sr ii iii iv jnr snr`)

// postNominals are letters after a person's name that are not part of it:
// "Charlotte de la Mare KC", "Jane Doe MP".
var postNominals = set(`kc qc sc mp mep msp obe cbe mbe kbe dbe phd frs`)

// partyMembers after a party's name make a title, not part of the name:
// "Labour MP Jo Cox".
var partyMembers = set(`mp mep msp mla mpp`)

// legalForms end a company's name: "Noble Inc", "Gamble Co".
var legalForms = set(`inc incorporated corp corporation co cos ltd llc llp plc ag sa nv bv gmbh spa`)

// corporateSuffixes may be left off an organization's name: "Apple Inc." is
// "Apple", "SoftBank Group" is "SoftBank".
var corporateSuffixes = union(legalForms, set(`group holdings company`))

// compassWords before a one-word name make another name: "East Stirling",
// "New Caledonia", "Central Java".
var compassWords = set(`east west north south northeast northwest southeast southwest central northern southern eastern western new old upper lower greater`)

// normalized returns a lexicon list as the grouper looks its words up, by
// normalized token (see normalize): "école" as "ecole", "u.s." as "us",
// "guinea-bissau" as "guinea bissau". A list with words that have accents,
// full stops or hyphens must go through it, or those words never match.
func normalized(words map[string]bool) map[string]bool {
	m := make(map[string]bool, len(words))
	for w := range words {
		m[normalize(w)] = true
	}
	return m
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[normalize(w)] = true // looked up by normalized token: "co-founder" as "co founder"
	}
	return m
}

// commonAbbreviations are abbreviations that are no names ("ASAP", "SVP",
// "AM"), a one-word mention of which is set aside.
var commonAbbreviations = lexicon.Set("common-abbreviations")

// sentenceOpeners open sentences but never names: "Although", "Meanwhile".
var sentenceOpeners = lexicon.Set("sentence-openers")

// weekdays are the days of the week, which end no name's subject: "the
// Council on Tuesday".
var weekdays = lexicon.Set("weekdays")

// stateAdjectives are adjectives of government that old and formal text
// capitalizes before a noun: "the Federal budget deficit".
var stateAdjectives = lexicon.Set("state-adjectives")

// holidays are days of the calendar, no names: "out by Easter".
var holidays = lexicon.Set("holidays")

// smallWord reports whether token i is a preposition, a coordinator or a
// determiner.
func (g *grouper) smallWord(i int) bool { return isSmallWord(g.norm(i)) }

// isSmallWord reports whether the normalized word w is a preposition, a
// coordinator or a determiner: "of", "and", "the".
func isSmallWord(w string) bool { return prepositions[w] || proseCoordinators[w] || determiners[w] }
