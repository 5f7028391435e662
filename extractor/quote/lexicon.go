package quote

import "strings"

// speechVerbs holds every form of the verbs that attribute a quotation:
// "said", "says", "saying", "told", "adds", "tweeted", ...
var speechVerbs = map[string]bool{}

// looseVerbs attribute a long quotation that sits inside their clause
// ("Turner labelled the tax “a money machine for the minister”") but not a
// short one.
var looseVerbs = map[string]bool{}

func init() {
	// Regular verbs: base form; the -s, -ed and -ing forms are derived.
	for _, v := range strings.Fields(`add argue warn insist tweet ask note explain declare state claim announce
		reply continue acknowledge admit complain urge recall concede predict caution stress suggest comment
		remark observe respond answer report testify confirm deny assert maintain contend emphasize emphasise
		agree joke quip laugh shout yell scream whisper murmur mutter cry exclaim boast vow pledge promise
		threaten conclude post wonder recount lament muse sigh demand charge counter retort object protest
		disclose reveal elaborate clarify reiterate repeat posit opine chime interject
		affirm allege attest cheer complain grumble hint insist mention plead proclaim rant reason reassure
		recommend rejoin scoff snap sneer stammer stutter summarize summarise tell text underline underscore
		volunteer wail write add counsel acknowledge point explain concur submit blog email e-mail message
		inform advise tout signal predict`) {
		addVerb(v)
	}
	// Irregular forms.
	for _, w := range strings.Fields(`say says said saying tell tells told telling write writes wrote written writing
		swear swore sworn swears swearing tweeted tweeting tweets cried cries replied replies denied denies
		testified testifies clarified clarifies`) {
		speechVerbs[w] = true
	}
	for _, w := range strings.Fields(`call calls called calling describe describes described describing label labels
		labelled labeled dub dubs dubbed term terms termed quote quotes quoted hail hails hailed hailing
		brand brands branded branding praise praises praised praising slam slams slammed slamming
		criticise criticises criticised criticising criticize criticizes criticized criticizing
		condemn condemns condemned condemning`) {
		looseVerbs[w] = true
	}
}

func addVerb(v string) {
	speechVerbs[v] = true
	s := v + "s"
	if strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") {
		s = v + "es"
	}
	speechVerbs[s] = true
	stem := v
	switch {
	case strings.HasSuffix(v, "e"):
		stem = v[:len(v)-1]
	case strings.HasSuffix(v, "y") && len(v) > 2 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		speechVerbs[v[:len(v)-1]+"ied"] = true
		speechVerbs[v[:len(v)-1]+"ies"] = true
		speechVerbs[v+"ing"] = true
		return
	}
	speechVerbs[stem+"ed"] = true
	speechVerbs[stem+"ing"] = true
	// Doubled final consonants: "quipped", "chatted", "snapped", "labelled".
	if n := len(v); n >= 3 && !strings.HasSuffix(v, "e") && strings.ContainsRune("bdgmnprt", rune(v[n-1])) &&
		strings.ContainsRune("aeiou", rune(v[n-2])) && !strings.ContainsRune("aeiou", rune(v[n-3])) {
		speechVerbs[v+v[n-1:]+"ed"] = true
		speechVerbs[v+v[n-1:]+"ing"] = true
	}
}

// auxiliaries and adverbs may stand between a subject and its speech verb:
// "Smith has said", "she later told", "he also added".
var auxiliaries = setOf(`has have had was were is are would will could also later then previously once recently
	earlier repeatedly often again further simply bluntly flatly publicly privately frankly already subsequently
	finally never did does do just last first separately jokingly angrily quietly`)

// modals before a speech verb make it part of a reported clause: "the
// support would continue “…”".
var modals = setOf(`would will could should might must can may shall`)

// pronouns that can attribute a quotation.
var pronouns = setOf(`he she they it i we`)

// determiners open a noun phrase: "the official", "a spokesman", "one banker".
var determiners = setOf(`the a an one two three four several some many most other another his her its their our
	this that these those each both any no`)

// stopWords end a noun phrase: prepositions, conjunctions, relative pronouns
// and the like.
var stopWords = setOf(`of for at in on with from by to into about after before and or but nor that who whom whose
	which when while as if because since than though although where whether said says told adding saying
	noting while during under over until unless via per amid among against without within is was were are be
	been being has have had will would can could should may might must not`)

// prepositions may join a post-modifier to a speaker noun phrase: "a
// spokesman for the company", "a dealer at one major U.S. bank".
var prepositions = setOf(`of for at to with from in on`)

// titles are dropped from the front of a name: "Treasury Secretary James
// Baker" → "James Baker".
var titles = setOf(`secretary president minister chairman chairwoman chairperson chair director governor senator sen.
	sen rep. rep representative gov. gov mayor spokesman spokeswoman spokesperson ceo cfo coo officer leader
	general gen. gen adm. admiral judge justice king queen prince princess pope ambassador commissioner
	chancellor premier analyst economist professor prof. prof dr. dr mr. mr mrs. mrs ms. ms coach manager
	candidate vice deputy lawyer attorney sheriff chief speaker counsel staff executive head founder
	strategist inspector superintendent commander colonel col. col lt. lt captain capt. capt sergeant sgt.
	lieutenant major maj. rev. rev reverend father sister brother bishop archbishop cardinal sir dame lord
	lady sheikh emir sultan crown mp congressman congresswoman councilman councilwoman councillor
	councilor treasurer comptroller auditor administrator envoy delegate trustee partner president-elect
	rabbi imam minority majority whip fund board`)

// nameParticles may sit inside a name in lower case: "van Horick",
// "Ludwig van Beethoven", "Osama bin Laden".
var nameParticles = setOf(`van von de der den da das di du del della dos la le bin ibn al el ter ten`)

// personNouns head a definite noun phrase that stands for a person named
// earlier: "the Democrat said", "the rookie added".
var personNouns = setOf(`democrat republican conservative liberal actor actress singer rapper star player rookie
	veteran billionaire businessman businesswoman entrepreneur author writer novelist director filmmaker
	comedian musician athlete quarterback pitcher striker forward midfielder goalkeeper champion
	incumbent challenger nominee frontrunner lawmaker legislator politician diplomat activist
	scientist researcher doctor physician nurse teacher pastor priest mother father son daughter wife
	husband widow survivor victim suspect defendant plaintiff witness`)

// orgNouns head a definite noun phrase that stands for an organization named
// earlier: "the company said".
var orgNouns = setOf(`company firm bank group agency ministry department government commission board union party
	council newspaper paper corporation exchange fund court committee airline carrier maker manufacturer
	retailer lender insurer association institute organization organisation club league team network
	broadcaster station embassy office army military police statement report administration authority
	regulator cabinet parliament congress senate house campaign white kremlin pentagon`)

// spokesNouns speak for the organization they are attached to: "a Kepco
// spokesman", "a spokeswoman for Exxon".
var spokesNouns = setOf(`spokesman spokeswoman spokesperson spokespeople spokesmen representative representatives
	statement`)

// ofNouns take "of" inside a name: "Bank of Japan", "University of Chicago".
var ofNouns = setOf(`bank university department ministry secretary minister chief house bureau school college
	institute academy federation chamber court council state states republic kingdom city county province
	church society museum office`)

// notNames are capitalized words that do not name a speaker.
// personDemonyms, after "the", describe a person the text has named:
// "“It's two points dropped,” the Dutchman said".
var personDemonyms = setOf(`american briton englishman englishwoman scot scotsman welshman irishman irishwoman
	frenchman frenchwoman dutchman dutchwoman german italian spaniard portuguese swiss austrian belgian dane swede
	norwegian finn icelander pole czech slovak hungarian romanian bulgarian greek turk russian ukrainian
	belarusian serb croat bosnian slovenian albanian georgian armenian azerbaijani israeli palestinian egyptian
	moroccan algerian tunisian nigerian ghanaian kenyan ethiopian cameroonian senegalese ivorian iranian iraqi
	syrian lebanese jordanian saudi emirati qatari afghan pakistani indian bangladeshi nepali chinese japanese
	korean vietnamese thai filipino indonesian malaysian singaporean australian canadian mexican brazilian
	argentine argentinian chilean colombian peruvian venezuelan uruguayan cuban jamaican texan californian
	londoner parisian muscovite berliner`)

var notNames = setOf(`monday tuesday wednesday thursday friday saturday sunday january february march april may june
	july august september october november december today yesterday tonight tomorrow in on at the a an but
	and asked speaking however meanwhile still also later earlier it he she they we i this that`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
