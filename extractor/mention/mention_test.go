package mention

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/internal/casetable"
	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

var labels = map[string]ner.Label{"PER": ner.PER, "LOC": ner.LOC, "ORG": ner.ORG, "MISC": ner.MISC}

// parse reads text marked up with tags, "[PER Vladimir Putin] met [LOC:0.4
// Sochi]", and returns the plain text, its tokens and sentences, and the tags
// as the tagger would return them (confidence 0.9 unless given).
func parse(tb testing.TB, marked string) (string, []tokenize.Token, []segment.Sentence, []ner.Mention) {
	tb.Helper()
	type span struct {
		start, end int
		label      ner.Label
		conf       float64
	}
	var b strings.Builder
	var spans []span
	for i := 0; i < len(marked); {
		if marked[i] != '[' {
			b.WriteByte(marked[i])
			i++
			continue
		}
		sp := strings.IndexByte(marked[i:], ' ')
		end := strings.IndexByte(marked[i:], ']')
		if sp < 0 || end < sp {
			tb.Fatalf("bad markup at %d in %q", i, marked)
		}
		head := marked[i+1 : i+sp]
		conf := 0.9
		if name, c, ok := strings.Cut(head, ":"); ok {
			var err error
			if conf, err = strconv.ParseFloat(c, 64); err != nil {
				tb.Fatalf("bad confidence %q", head)
			}
			head = name
		}
		l, ok := labels[head]
		if !ok {
			tb.Fatalf("bad label %q", head)
		}
		start := b.Len()
		b.WriteString(marked[i+sp+1 : i+end])
		spans = append(spans, span{start, b.Len(), l, conf})
		i += end + 1
	}
	text := b.String()
	toks := tokenize.Tokenize(text)
	var tags []ner.Mention
	for _, s := range spans {
		first := slices.IndexFunc(toks, func(t tokenize.Token) bool { return t.Start >= s.start })
		last := slices.IndexFunc(toks, func(t tokenize.Token) bool { return t.Start >= s.end })
		if last < 0 {
			last = len(toks)
		}
		if first < 0 || toks[first].Start != s.start || toks[last-1].End != s.end {
			tb.Fatalf("tag %q does not fall on token boundaries", text[s.start:s.end])
		}
		tags = append(tags, ner.Mention{First: first, Last: last, Label: s.label, Confidence: s.conf})
	}
	return text, toks, segment.Sentences(text, toks), tags
}

// describe renders an entity as `PER "Vladimir Putin" [Vladimir Putin|Putin+]
// roles=[President]`: its mentions' texts, "+" marking a recovered mention.
func describe(text string, e Entity) string {
	var ms []string
	for _, m := range e.Mentions {
		s := text[m.Start:m.End]
		if m.Recovered {
			s += "+"
		}
		ms = append(ms, s)
	}
	out := fmt.Sprintf("%v %q [%s]", labelName(e.Label), e.Name, strings.Join(ms, "|"))
	if len(e.Roles) > 0 {
		out += " roles=[" + strings.Join(e.Roles, "; ") + "]"
	}
	return out
}

func labelName(l ner.Label) string {
	for k, v := range labels {
		if v == l {
			return k
		}
	}
	return "?"
}

func TestGroup(t *testing.T) {
	tests := []struct {
		name   string
		marked string
		want   []string
	}{
		{"a descriptor before the name says organization",
			"Analysts at research firm [PER:0.6 Teikoku Databank] disagreed. [PER:0.5 Teikoku Databank] declined to comment. The company [PER Smith] founded grew.",
			[]string{`ORG "Teikoku Databank" [Teikoku Databank|Teikoku Databank]`, `PER "Smith" [Smith]`}},
		{"founder after the name says organization",
			"[LOC:0.7 Amazon] founder [PER Jeff Bezos] sold shares. [LOC:0.85 Amazon] reported record profits.",
			[]string{`ORG "Amazon" [Amazon|Amazon]`, `PER "Jeff Bezos" [Jeff Bezos] roles=[founder]`}},
		{"a short form with more evidence for its own type is not absorbed",
			"[PER:0.7 Old Athens] lies below the hill. [LOC:0.7 Athens] is hot. [LOC:0.7 Athens] has a metro, and [LOC:0.75 Athens] has ferries.",
			[]string{`PER "Old Athens" [Old Athens]`, `LOC "Athens" [Athens|Athens|Athens]`}},
		{"a cue does not undo confident mentions of another type",
			"Police in [LOC:0.97 Moscow] said protests in [LOC:0.95 Moscow] had ended. [LOC:0.99 Moscow] officials blamed the West. Analysts at [LOC:0.6 Moscow] disagreed with [LOC:0.98 Moscow].",
			[]string{`LOC "Moscow" [Moscow|Moscow|Moscow|Moscow]`, `ORG "Moscow" [Moscow]`}},
		{"staff of a name the tagger took for a person",
			"\"Demand is weak,\" said an analyst at [PER:0.7 Raymond James]. A [PER:0.6 Jefferies] economist agreed, and a [LOC Chicago] economist did not.",
			[]string{`ORG "Raymond James" [Raymond James]`, `ORG "Jefferies" [Jefferies]`, `LOC "Chicago" [Chicago]`}},
		{"particles before a surname the tagger cut off",
			"Manager [PER Erik ten Hag] was upset, and ten [PER:0.7 Hag] left. [PER:0.5 Osama bin Laden] fled; bin [PER Laden] hid. He scored ten [PER Goals] today.",
			[]string{`PER "Erik ten Hag" [Erik ten Hag|ten Hag] roles=[Manager]`, `PER "Osama bin Laden" [Osama bin Laden|bin Laden]`, `PER "Goals" [Goals]`}},
		{"an untagged camel-case name in an organization's context",
			"OpenAI, the maker of ChatGPT, is raising money. A spokeswoman for OpenAI declined to comment. [PER Elon Musk] co-founded OpenAI. His AI company, xAI, raised more. The iPhone sold well. [MISC:0.5 DeepMind] shares rose, and [MISC:0.9 PlayStation] sales fell.",
			[]string{`ORG "OpenAI" [OpenAI|OpenAI|OpenAI]`, `PER "Elon Musk" [Elon Musk]`, `ORG "xAI" [xAI]`, `ORG "DeepMind" [DeepMind]`}},
		{"an appositive names an organization",
			"[PER:0.5 DeepMind], a unit of [ORG Alphabet], hired staff. [LOC Boston], the home of the team, cheered. [PER Jane Doe], the owner of the bakery, and property developer [PER Tom Becker] agreed. The [LOC Civic Federation], a nonpartisan research group, and [PER Ann Lee], a union leader, spoke.",
			[]string{`ORG "DeepMind" [DeepMind]`, `ORG "Alphabet" [Alphabet]`, `LOC "Boston" [Boston]`, `PER "Jane Doe" [Jane Doe] roles=[owner]`, `PER "Tom Becker" [Tom Becker]`, `ORG "Civic Federation" [Civic Federation]`, `PER "Ann Lee" [Ann Lee] roles=[union leader]`}},
		{"a lone title is no organization",
			"[PER Rachel Reeves] spoke. The [ORG:0.4 Chancellor] would act, the [ORG Treasury] said.",
			[]string{`PER "Rachel Reeves" [Rachel Reeves]`, `ORG "Treasury" [Treasury]`}},
		{"a company ending makes an organization",
			"[PER Kazuhiro Sasaki] of [LOC Haruyama Securities] spoke. [PER:0.6 Smith Holdings] fell; [LOC West Bank] towns, [MISC Sony Corp] and the [MISC World Group] rose.",
			[]string{`PER "Kazuhiro Sasaki" [Kazuhiro Sasaki]`, `ORG "Haruyama Securities" [Haruyama Securities]`, `ORG "Smith Holdings" [Smith Holdings]`, `LOC "West Bank" [West Bank]`, `ORG "Sony Corp" [Sony Corp]`}},
		{"hyphenated roles and cues",
			"[ORG WHO] Director-General [PER Tedros Adhanom Ghebreyesus] spoke. [LOC:0.7 Microsoft] co-founder [PER Bill Gates] agreed.",
			[]string{`ORG "WHO" [WHO]`, `PER "Tedros Adhanom Ghebreyesus" [Tedros Adhanom Ghebreyesus] roles=[Director-General]`, `ORG "Microsoft" [Microsoft]`, `PER "Bill Gates" [Bill Gates] roles=[co-founder]`}},
		{"a dateline names a place",
			"[ORG LIVERPOOL], England - The club won the cup at home. GENEVA, Oct 12 (Reuters) - Talks began.\nNEW DELHI, March 3 (AP) — Rain fell.\nCRICKET - 1997 ASHES ITINERARY",
			[]string{`LOC "Liverpool" [LIVERPOOL]`, `LOC "England" [England]`, `LOC "New Delhi" [NEW DELHI]`, `ORG "AP" [AP]`}},
		{"a dateline after a headline",
			"Markets rally\n\nTOKYO (Reuters) - Shares rose. [ORG:0.9 NATO] met.\n[ORG:0.9 NATO], [LOC France] and [LOC Germany] agreed on Monday.",
			[]string{`LOC "Tokyo" [TOKYO]`, `ORG "Reuters" [Reuters]`, `ORG "NATO" [NATO|NATO]`, `LOC "France" [France]`, `LOC "Germany" [Germany]`}},
		{"an organization's last word and a clipped first word",
			"The [ORG European Commission] proposed rules. The [ORG:0.7 Commission] said [ORG Federal Reserve] officials agreed; the [ORG Fed] met.",
			[]string{`ORG "European Commission" [European Commission|Commission]`, `ORG "Federal Reserve" [Federal Reserve|Fed]`}},
		{"last words shared by two names stay apart",
			"The [ORG European Commission] and the [ORG Election Commission] met. The [ORG:0.7 Commission] said so. [ORG East Stirling] beat [ORG Stirling] 2-1.",
			[]string{`ORG "European Commission" [European Commission]`, `ORG "Election Commission" [Election Commission]`, `ORG "Commission" [Commission]`, `ORG "East Stirling" [East Stirling]`, `ORG "Stirling" [Stirling]`}},
		{"a place after of",
			"Rebels in the [LOC Democratic Republic of Congo] advanced. [LOC Congo] denied it. [LOC York] and [LOC New York] differ.",
			[]string{`LOC "Democratic Republic of Congo" [Democratic Republic of Congo|Congo]`, `LOC "York" [York]`, `LOC "New York" [New York]`}},
		{"a sentence-initial The is no part of a name seen without it",
			"[ORG The Fed]'s balance sheet shrank. [ORG Fed] officials met. [LOC The Hague] hosts courts; judges in [LOC The Hague] agreed.",
			[]string{`ORG "Fed" [Fed|Fed]`, `LOC "The Hague" [The Hague|The Hague]`}},
		{"more organization cues",
			"Analysts at [LOC Citigroup] agreed, according to consultancy [PER Wood Mackenzie]. Danish drugmaker Bavarian Nordic makes it. OpenAI said it raised money, and a [LOC Chicago] economist and students of [LOC Lincoln Elementary School] disagreed.",
			[]string{`ORG "Citigroup" [Citigroup]`, `ORG "Wood Mackenzie" [Wood Mackenzie]`, `ORG "Bavarian Nordic" [Bavarian Nordic]`, `ORG "OpenAI" [OpenAI]`, `LOC "Chicago" [Chicago]`, `ORG "Lincoln Elementary School" [Lincoln Elementary School]`}},
		{"post-nominal letters are no part of a name",
			"Barrister [PER Charlotte de la Mare KC] argued the case. [PER Jane Doe MP] agreed. [ORG MP Materials] rose.",
			[]string{`PER "Charlotte de la Mare" [Charlotte de la Mare] roles=[Barrister]`, `PER "Jane Doe" [Jane Doe]`, `ORG "MP Materials" [MP Materials]`}},
		{"a name suffix after the tag joins it",
			"Judge [PER Edmund Gorman] Jr. ruled. [PER Martin Luther King Jr.] spoke.",
			[]string{`PER "Edmund Gorman Jr." [Edmund Gorman Jr.] roles=[Judge]`, `PER "Martin Luther King Jr." [Martin Luther King Jr.]`}},
		{"a nickname inside a long name",
			"President [PER Luiz Inácio Lula da Silva] spoke. [PER Lula] said more. [PER Marina Silva] agreed. [PER Carlos Alcaraz] beat coach [PER Juan Carlos Ferrero]'s record; [PER Carlos] won.",
			[]string{`PER "Luiz Inácio Lula da Silva" [Luiz Inácio Lula da Silva|Lula] roles=[President]`, `PER "Marina Silva" [Marina Silva]`, `PER "Carlos Alcaraz" [Carlos Alcaraz|Carlos]`, `PER "Juan Carlos Ferrero" [Juan Carlos Ferrero] roles=[coach]`}},
		{"a dateline's region",
			"HOLMFIRTH, West [ORG Yorkshire] - Floods hit the town on Monday night.",
			[]string{`LOC "Holmfirth" [HOLMFIRTH]`, `LOC "West Yorkshire" [West Yorkshire]`}},
		{"institution words after a name",
			"Pupils of [LOC Cedar Bluff] High School and [PER:0.6 Lincoln Elementary] marched. [ORG Labour MP] [PER Jo Cox] spoke.",
			[]string{`ORG "Cedar Bluff High School" [Cedar Bluff High School]`, `ORG "Lincoln Elementary" [Lincoln Elementary]`, `ORG "Labour" [Labour]`, `PER "Jo Cox" [Jo Cox]`}},
		{"a place word ends a name the tagger took for a person's",
			"Fans filled the [PER Johan Cruyff Arena]. [PER Tom Park] and [ORG Carnegie Hall] agreed.",
			[]string{`LOC "Johan Cruyff Arena" [Johan Cruyff Arena]`, `PER "Tom Park" [Tom Park]`, `ORG "Carnegie Hall" [Carnegie Hall]`}},
		{"surname joins full name",
			"Russian President [PER Vladimir Putin] will hold talks in [LOC Sochi]. The last time [PER Putin] met him was in September.",
			[]string{`PER "Vladimir Putin" [Vladimir Putin|Putin] roles=[President]`, `LOC "Sochi" [Sochi]`}},
		{"possessive is outside the mention",
			"The detention of opposition politician [PER Aleksei Navalny] drew outrage. [PER Navalny]’s detention in January prompted protests.",
			[]string{`PER "Aleksei Navalny" [Aleksei Navalny|Navalny] roles=[opposition politician]`}},
		{"possessive inside the tag is part of the name",
			"Play resumed at [LOC Lord's] after rain. Crowds left [LOC Lord's] early. [ORG McDonald's] and [ORG McDonald] differ.",
			[]string{`LOC "Lord's" [Lord's|Lord's]`, `ORG "McDonald" [McDonald's|McDonald]`}},
		{"a confident different type is a different entity",
			"[ORG NEW YORK] beat [ORG CHICAGO] 5-3. Fans in [LOC NEW YORK] cheered.",
			[]string{`ORG "NEW YORK" [NEW YORK]`, `ORG "CHICAGO" [CHICAGO]`, `LOC "NEW YORK" [NEW YORK]`}},
		{"two Smiths keep a lone Smith apart",
			"[PER John Smith] and his sister [PER Jane Smith] run the farm. [PER Smith] said prices fell.",
			[]string{`PER "John Smith" [John Smith]`, `PER "Jane Smith" [Jane Smith]`, `PER "Smith" [Smith]`}},
		{"first name alone joins",
			"[PER Hillary Clinton] spoke in [LOC Iowa] on Monday. Later, [PER Hillary] told supporters she was confident.",
			[]string{`PER "Hillary Clinton" [Hillary Clinton|Hillary]`, `LOC "Iowa" [Iowa]`}},
		{"ambiguous first name stays apart",
			"[PER John Kerry] met [PER John Bolton] in the morning. [PER John] left early.",
			[]string{`PER "John Kerry" [John Kerry]`, `PER "John Bolton" [John Bolton]`, `PER "John" [John]`}},
		{"middle initial and chain",
			"[PER George W. Bush] visited troops. [PER George Bush] said the war was going well, and [PER Bush] later left.",
			[]string{`PER "George W. Bush" [George W. Bush|George Bush|Bush]`}},
		{"surname particles",
			"[PER Vincent van Gogh] painted it. [PER van Gogh] sold little; [PER Gogh] is rarely used alone. [PER Osama bin Laden] fled, and [PER bin Laden] hid.",
			[]string{`PER "Vincent van Gogh" [Vincent van Gogh|van Gogh|Gogh]`, `PER "Osama bin Laden" [Osama bin Laden|bin Laden]`}},
		{"family name first and double surnames",
			"[PER Xi Jinping] met [PER Andrés Manuel López Obrador]. [PER Xi] praised [PER López Obrador], and [PER Obrador] thanked him.",
			[]string{`PER "Xi Jinping" [Xi Jinping|Xi]`, `PER "Andrés Manuel López Obrador" [Andrés Manuel López Obrador|López Obrador|Obrador]`}},
		{"hyphenated first name",
			"[PER Jean-Claude Juncker] spoke. [PER Juncker] said the [ORG European Commission] would act, and [PER Jean-Claude] agreed.",
			[]string{`PER "Jean-Claude Juncker" [Jean-Claude Juncker|Juncker|Jean-Claude]`, `ORG "European Commission" [European Commission]`}},
		{"hyphens and accents",
			"[ORG Coca-Cola] and [PER Andrés López] met. [ORG Coca Cola] shares rose, [PER Lopez] said.",
			[]string{`ORG "Coca-Cola" [Coca-Cola|Coca Cola]`, `PER "Andrés López" [Andrés López|Lopez]`}},
		{"role set off by commas",
			"An [ORG FBI] spokeswoman, [PER Laura Eimiller], said the bureau does not comment. The company's chief executive, [PER Tim Cook], agreed.",
			[]string{`ORG "FBI" [FBI]`, `PER "Laura Eimiller" [Laura Eimiller] roles=[spokeswoman]`, `PER "Tim Cook" [Tim Cook] roles=[chief executive]`}},
		{"full patronymic chain",
			"[PER Vladimir Vladimirovich Putin] was sworn in. [PER Vladimir Putin] then spoke, and [PER Putin] thanked voters.",
			[]string{`PER "Vladimir Vladimirovich Putin" [Vladimir Vladimirovich Putin|Vladimir Putin|Putin]`}},
		{"acronym implied by initials",
			"The meeting comes the same day the [ORG European Union] is expected to adopt sanctions. The [ORG EU] has progressively slapped sanctions on [LOC Belarus].",
			[]string{`ORG "European Union" [European Union|EU]`, `LOC "Belarus" [Belarus]`}},
		{"acronym defined in brackets",
			"Officers of the [ORG Federal Security Service] (FSB) poisoned him, he said. [ORG FSB] agents denied it.",
			[]string{`ORG "Federal Security Service" [Federal Security Service|FSB+|FSB]`}},
		{"defined acronym found again untagged",
			"The [ORG Federal Security Service] (FSB) declined to comment. He blamed FSB security agents.",
			[]string{`ORG "Federal Security Service" [Federal Security Service|FSB+|FSB+]`}},
		{"mixed-case acronym defined, found again before a title",
			"It won a contract from the [ORG U.S. Department of Defense] (DoD) on Tuesday. The DoD said so, and DoD Secretary [PER Lloyd Austin] agreed.",
			[]string{`ORG "U.S. Department of Defense" [U.S. Department of Defense|DoD+|DoD|DoD+]`, `PER "Lloyd Austin" [Lloyd Austin] roles=[Secretary]`}},
		{"an unsure MISC alias takes its expansion's type",
			"It won a contract from the [ORG:1.0 U.S. Department of Defense] ([MISC:0.61 DoD]) on Tuesday. The [MISC:0.55 DoD] said so.",
			[]string{`ORG "U.S. Department of Defense" [U.S. Department of Defense|DoD|DoD]`}},
		{"a country in brackets is no acronym",
			"[ORG Toshiba Information Systems] ([LOC U.K.]) Ltd and [ORG Sony Corp] (UK) said so. [LOC U.K.] sales rose.",
			[]string{`ORG "Toshiba Information Systems" [Toshiba Information Systems]`, `LOC "U.K." [U.K.|U.K.]`, `ORG "Sony Corp" [Sony Corp]`}},
		{"acronym first, expansion in brackets",
			"[ORG NATO] ([ORG North Atlantic Treaty Organization]) ministers met in [LOC Brussels].",
			[]string{`ORG "North Atlantic Treaty Organization" [NATO|North Atlantic Treaty Organization]`, `LOC "Brussels" [Brussels]`}},
		{"a confident MISC acronym does not pull its expansion into MISC",
			"Shares on the [ORG:1.0 Budapest Stock Exchange] rose. The [MISC BSE] index gained, and the [MISC BSE] closed higher.",
			[]string{`ORG "Budapest Stock Exchange" [Budapest Stock Exchange]`}},
		{"acronym fitting two names joins neither",
			"The [ORG Communist Party] and the [ORG Conservative Party] met. The [ORG CP] later walked out.",
			[]string{`ORG "Communist Party" [Communist Party]`, `ORG "Conservative Party" [Conservative Party]`, `ORG "CP" [CP]`}},
		{"the Kremlin and Kremlin",
			"The two leaders will meet, the [ORG Kremlin] said last week. [ORG The Kremlin] declined to comment.",
			[]string{`ORG "Kremlin" [Kremlin|Kremlin]`}},
		{"case variants",
			"With reporting by [ORG TASS]. [ORG Tass] said the talks would go on.",
			[]string{`ORG "TASS" [TASS|Tass]`}},
		{"headline capitals are not the canonical name",
			"[PER VLADIMIR PUTIN] ARRIVES\nRussian President [PER Vladimir Putin] arrived on Monday.",
			[]string{`PER "Vladimir Putin" [VLADIMIR PUTIN|Vladimir Putin] roles=[President]`}},
		{"headline capitals of one word",
			"[PER PUTIN] ARRIVES IN [LOC SOCHI]\n[PER Putin] arrived in [LOC Sochi] on Monday.",
			[]string{`PER "Putin" [PUTIN|Putin]`, `LOC "Sochi" [SOCHI|Sochi]`}},
		{"punctuation variants",
			"Sanctions from the [LOC U.S.] are expected. [LOC US] officials said so.",
			[]string{`LOC "U.S." [U.S.|US]`}},
		{"country name and its initials",
			"Troops from the [LOC United States] arrived. [LOC U.S.] officials said so.",
			[]string{`LOC "United States" [United States|U.S.]`}},
		{"title inside the tag is trimmed",
			"[PER President Putin] said the talks went well. [PER Mr. Putin] then left.",
			[]string{`PER "Putin" [Putin|Putin] roles=[President]`}},
		{"names that begin like a title",
			"[PER Lady Gaga] sang. [PER Sir Elton John] played, and [PER Dame Judi Dench] watched [PER Prince]. [PER Gaga] left.",
			[]string{`PER "Lady Gaga" [Lady Gaga|Gaga]`, `PER "Elton John" [Elton John]`, `PER "Judi Dench" [Judi Dench]`, `PER "Prince" [Prince]`}},
		{"an ordinary word is no short form",
			"The gala at the [PER Kennedy Center] drew stars. The arts center said the [PER Center] would reopen. [PER Martin Luther King Jr.] spoke there; [PER Jr.] is no name.",
			[]string{`PER "Kennedy Center" [Kennedy Center]`, `PER "Center" [Center]`, `PER "Martin Luther King Jr." [Martin Luther King Jr.]`}},
		{"titles without a name are no person",
			"The [PER Deputy Director] met [PER Prime Minister Boris Johnson].",
			[]string{`PER "Boris Johnson" [Boris Johnson] roles=[Prime Minister]`}},
		{"honorific is not a role",
			"[PER Mr. Smith] declined to comment, [PER Smith]’s lawyer said.",
			[]string{`PER "Smith" [Smith|Smith]`}},
		{"abbreviated titles",
			"Gov. [PER Andrew Cuomo] signed the bill. Sen. [PER Chuck Schumer] praised it, and [PER Cuomo] thanked him.",
			[]string{`PER "Andrew Cuomo" [Andrew Cuomo|Cuomo] roles=[Gov.]`, `PER "Chuck Schumer" [Chuck Schumer] roles=[Sen.]`}},
		{"multi-word title",
			"Prime Minister [PER Boris Johnson] met [PER Emmanuel Macron]. [PER Johnson] said little.",
			[]string{`PER "Boris Johnson" [Boris Johnson|Johnson] roles=[Prime Minister]`, `PER "Emmanuel Macron" [Emmanuel Macron]`}},
		{"role stops at a nationality and at a verb",
			"[MISC Belarusian] opposition leader [PER Svyatlana Tsikhanouskaya] is calling for talks. Police jailed opposition leader [PER Tsikhanouskaya]'s aide.",
			[]string{`PER "Svyatlana Tsikhanouskaya" [Svyatlana Tsikhanouskaya|Tsikhanouskaya] roles=[opposition leader]`}},
		{"role after the name",
			"“The boat is the same,” [PER Artyom Shraibman], a political analyst at the [ORG Carnegie Moscow Center], wrote.",
			[]string{`PER "Artyom Shraibman" [Artyom Shraibman] roles=[political analyst]`, `ORG "Carnegie Moscow Center" [Carnegie Moscow Center]`}},
		{"role after a possessive organization",
			"“This is a big day,” [PER John Smith], [ORG Acme]'s chief executive, told reporters.",
			[]string{`PER "John Smith" [John Smith] roles=[chief executive]`, `ORG "Acme" [Acme]`}},
		{"role at the start of a sentence",
			"Political analyst [PER Artyom Shraibman] wrote an analysis.",
			[]string{`PER "Artyom Shraibman" [Artyom Shraibman] roles=[political analyst]`}},
		{"nationality adjectives are dropped",
			"[MISC Russian] and [MISC Belarusian] officials met. [MISC Russian] troops stayed.",
			nil},
		{"nationality adjectives tagged as places are dropped too",
			"[LOC:0.4 Russian] and [PER:0.5 Belarusian] officials met [PER Vladimir Putin]. [ORG Muslim] leaders agreed.",
			[]string{`PER "Vladimir Putin" [Vladimir Putin]`}},
		{"type by weighted majority",
			"[PER Navalny] was detained. Supporters of [LOC:0.4 Navalny] protested, and [PER Navalny] was jailed.",
			[]string{`PER "Navalny" [Navalny|Navalny|Navalny]`}},
		{"confident other type does not join a name",
			"[PER Michael Jordan] visited [LOC Jordan] last year.",
			[]string{`PER "Michael Jordan" [Michael Jordan]`, `LOC "Jordan" [Jordan]`}},
		{"unsure other type joins a name",
			"[PER Alyaksandr Lukashenka] arrived. Critics of [ORG:0.3 Lukashenka] protested.",
			[]string{`PER "Alyaksandr Lukashenka" [Alyaksandr Lukashenka|Lukashenka]`}},
		{"missed mention is recovered",
			"[PER Lukashenka] has ruled for 26 years. Russia helped prop up Lukashenka in the wake of the election.",
			[]string{`PER "Lukashenka" [Lukashenka|Lukashenka+]`}},
		{"short form recovered too",
			"[PER Aleksei Navalny] returned from [LOC Germany]. Navalny was detained at the airport.",
			[]string{`PER "Aleksei Navalny" [Aleksei Navalny|Navalny+]`, `LOC "Germany" [Germany]`}},
		{"no recovery of a common word",
			"[PER Theresa May] spoke. [PER May] said the deal was done. May was a busy month.",
			[]string{`PER "Theresa May" [Theresa May|May]`}},
		{"no recovery inside a longer name",
			"Talks in [LOC Moscow] ended. He wrote for the Carnegie Moscow Center last year.",
			[]string{`LOC "Moscow" [Moscow]`}},
		{"no recovery of a word seen in lower case",
			"[ORG Apple] sold more phones. He ate an apple. Apple shares rose.",
			[]string{`ORG "Apple" [Apple]`}},
		{"no recovery of a plural demonym",
			"[ORG Azeris] voted. Many Azeris stayed home.",
			[]string{`ORG "Azeris" [Azeris]`}},
		{"an unsure alias of a sure name is recovered",
			"The [ORG:1.0 European Central Bank] ([ORG:0.45 ECB]) kept rates unchanged. ECB President [PER Christine Lagarde] said inflation was easing.",
			[]string{`ORG "European Central Bank" [European Central Bank|ECB|ECB+]`, `PER "Christine Lagarde" [Christine Lagarde] roles=[President]`}},
		{"no recovery from an unsure tag",
			"[ORG:0.3 Carnegie] funded it. Carnegie said so.",
			[]string{`ORG "Carnegie" [Carnegie]`}},
		{"organization's first words join it",
			"He wrote for the [ORG Carnegie Moscow Center]. [ORG Carnegie] is based in [LOC Moscow].",
			[]string{`ORG "Carnegie Moscow Center" [Carnegie Moscow Center|Carnegie]`, `LOC "Moscow" [Moscow]`}},
		{"corporate suffix",
			"[ORG Apple Inc.] reported earnings. [ORG Apple] shares rose.",
			[]string{`ORG "Apple Inc." [Apple Inc.|Apple]`}},
		{"an acronym is not the first word of a longer name",
			"The [ORG U.N. Council] met. [ORG IBM Corp.] said [ORG U.N.] staff use [ORG IBM] machines.",
			[]string{`ORG "U.N. Council" [U.N. Council]`, `ORG "IBM Corp." [IBM Corp.|IBM]`, `ORG "U.N." [U.N.]`}},
		{"verbs and possessives are not part of a role",
			"He will meet Prime Minister [PER Benjamin Netanyahu]. [LOC Cambodia]'s King [PER Norodom Sihanouk] agreed. Fans beat world champion [PER Donovan Bailey] to it.",
			[]string{`PER "Benjamin Netanyahu" [Benjamin Netanyahu] roles=[Prime Minister]`, `LOC "Cambodia" [Cambodia]`,
				`PER "Norodom Sihanouk" [Norodom Sihanouk] roles=[King]`, `PER "Donovan Bailey" [Donovan Bailey] roles=[world champion]`}},
		{"no roles from a headline in capitals",
			"WORLD CHAMPION [PER BAILEY] WINS\n[PER Donovan Bailey] won.",
			[]string{`PER "Donovan Bailey" [BAILEY|Donovan Bailey]`}},
		{"place names are not shortened",
			"Ships sailed the [LOC Black Sea] near [LOC Sochi]. [LOC Black] was not tagged here.",
			[]string{`LOC "Black Sea" [Black Sea]`, `LOC "Sochi" [Sochi]`, `LOC "Black" [Black]`}},
		{"title before a recovered mention",
			"[PER Joe Biden] arrived. The speech by President Biden was short.",
			[]string{`PER "Joe Biden" [Joe Biden|Biden+] roles=[President]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			text, toks, sents, tags := parse(t, tt.marked)
			ents := Group(text, toks, sents, tags)
			var got []string
			for _, e := range ents {
				got = append(got, describe(text, e))
				checkEntity(t, text, e)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Group(%q) =\n\t%s\nwant\n\t%s", text, strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

// checkEntity checks the properties every entity has.
func checkEntity(tb testing.TB, text string, e Entity) {
	tb.Helper()
	if e.Confidence < 0 || e.Confidence > 1 || math.IsNaN(e.Confidence) {
		tb.Errorf("entity %q: Confidence = %v, not in [0,1]", e.Name, e.Confidence)
	}
	if e.Label != ner.PER && e.Label != ner.LOC && e.Label != ner.ORG {
		tb.Errorf("entity %q: Label = %v", e.Name, e.Label)
	}
	if folded := strings.ToLower(strings.Join(strings.Fields(text), " ")); !strings.Contains(text, e.Name) && !strings.Contains(folded, strings.ToLower(e.Name)) {
		tb.Errorf("entity name %q is not in the text", e.Name)
	}
	for i, m := range e.Mentions {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			tb.Errorf("entity %q: mention %d has span [%d,%d)", e.Name, i, m.Start, m.End)
		}
		if i > 0 && m.First < e.Mentions[i-1].Last {
			tb.Errorf("entity %q: mentions %d and %d overlap or are out of order", e.Name, i-1, i)
		}
		if m.Confidence < 0 || m.Confidence > 1 {
			tb.Errorf("entity %q: mention %d Confidence = %v", e.Name, i, m.Confidence)
		}
	}
}

// listedInCases stands for the model's lists of organizations in the cases
// of testdata/cases.tsv.
var listedInCases = map[string]bool{"apple": true, "moderna": true, "target": true, "sheffield wednesday": true, "chiefs": true}

func listedInCasesFunc(words []string) bool {
	return listedInCases[strings.ToLower(strings.Join(words, " "))]
}

// companiesInCases stands for the model's companies on no other list in the
// cases of testdata/cases.tsv.
var companiesInCases = map[string]bool{"wells fargo": true, "walt disney": true, "accenture": true}

func companiesInCasesFunc(words []string) bool {
	return companiesInCases[strings.ToLower(strings.Join(words, " "))]
}

// lowerCasePlacesInCases stands for the model's places written in lower
// case in the cases of testdata/cases.tsv.
var lowerCasePlacesInCases = map[string]bool{"lourdes": true, "trivandrum": true, "new york": true}

func lowerCasePlacesInCasesFunc(words []string) bool {
	return lowerCasePlacesInCases[strings.Join(words, " ")]
}

// TestGroupCases runs the cases of testdata/cases.tsv.
func TestGroupCases(t *testing.T) {
	for _, row := range casetable.Read(t, "testdata/cases.tsv") {
		n, cols := row.Line, row.Cols
		if len(cols) < 2 {
			t.Fatalf("cases.tsv:%d: want a name and a marked text", n)
		}
		marked, want := strings.ReplaceAll(cols[1], `\n`, "\n"), cols[2:]
		t.Run(cols[0], func(t *testing.T) {
			t.Parallel()
			text, toks, sents, tags := parse(t, marked)
			var got []string
			for _, e := range GroupWith(text, toks, sents, tags, Options{ListedOrganization: listedInCasesFunc, ListedCompany: companiesInCasesFunc,
				LowerCasePlace: lowerCasePlacesInCasesFunc}) {
				got = append(got, describe(text, e))
				checkEntity(t, text, e)
			}
			if !slices.Equal(got, want) {
				t.Errorf("cases.tsv:%d: Group(%q) =\n\t%s\nwant\n\t%s", n, text, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
			}
		})
	}
}

func TestIsAcronym(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"EU", true}, {"U.S.", true}, {"AT&T", true}, {"DoD", true}, {"G7", true}, {"3M", true}, {"NATO", true},
		{"Tass", false}, {"Ltd", false}, {"E", false}, {"eu", false}, {"ABCDEFGHI", false}, {"Mr", false}, {"U.S.-based", false},
	} {
		if got := isAcronym(tt.in); got != tt.want {
			t.Errorf("isAcronym(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestGroupWithoutRecovery(t *testing.T) {
	t.Parallel()
	text, toks, sents, tags := parse(t, "[PER Lukashenka] has ruled for 26 years. Russia helped prop up Lukashenka.")
	ents := GroupWith(text, toks, sents, tags, Options{NoRecovery: true})
	if len(ents) != 1 || len(ents[0].Mentions) != 1 {
		t.Fatalf("GroupWith(NoRecovery) = %+v; want one entity with one mention", ents)
	}
	if ents := Group(text, toks, sents, tags); len(ents) != 1 || len(ents[0].Mentions) != 2 {
		t.Fatalf("Group = %+v; want one entity with the mention recovered", ents)
	}
}

func TestGroupBadTags(t *testing.T) {
	t.Parallel()
	text := "Vladimir Putin met Alyaksandr Lukashenka in Sochi."
	toks := tokenize.Tokenize(text)
	sents := segment.Sentences(text, toks)
	tags := []ner.Mention{
		{First: 3, Last: 5, Label: ner.PER, Confidence: 0.9},
		{First: 0, Last: 2, Label: ner.PER, Confidence: 0.9},  // out of order
		{First: 1, Last: 3, Label: ner.PER, Confidence: 0.9},  // overlaps
		{First: 6, Last: 99, Label: ner.LOC, Confidence: 0.9}, // out of range
		{First: 6, Last: 1 << 40, Label: ner.LOC, Confidence: 0.9},
		{First: -5, Last: 1, Label: ner.LOC, Confidence: 0.9},
		{First: 4, Last: 4, Label: ner.LOC, Confidence: 0.9}, // empty
		{First: 6, Last: 7, Label: ner.LOC, Confidence: 7},   // confidence out of range
		{First: 7, Last: 8, Label: ner.PER, Confidence: 0.9}, // just "."
	}
	ents := Group(text, toks, sents, tags)
	var got []string
	for _, e := range ents {
		got = append(got, describe(text, e))
		checkEntity(t, text, e)
	}
	want := []string{`PER "Vladimir Putin" [Vladimir Putin]`, `PER "Alyaksandr Lukashenka" [Alyaksandr Lukashenka]`, `LOC "Sochi" [Sochi]`}
	if !slices.Equal(got, want) {
		t.Errorf("Group(bad tags) = %q; want %q", got, want)
	}
	if g := Group("", nil, nil, nil); g != nil {
		t.Errorf("Group(empty) = %v; want nil", g)
	}
	// Tags out of range beside the words the later rules look at: a term
	// defined in brackets, a display name, a domain, a theorem.
	text = `Acme Corp ("Acme") met "Lee, Ann" <ann@acmecorp.com>, Acme Corp and Hall's Theorem.`
	toks = tokenize.Tokenize(text)
	sents = segment.Sentences(text, toks)
	for _, m := range []ner.Mention{{First: -5, Last: 2}, {First: -1, Last: 0}, {First: 2, Last: 1 << 40}, {First: len(toks), Last: len(toks) + 3}} {
		for _, l := range []ner.Label{ner.PER, ner.LOC, ner.ORG, ner.MISC} {
			m.Label, m.Confidence = l, 0.5
			for _, tags := range [][]ner.Mention{{m}, {m, {First: 0, Last: 2, Label: ner.ORG, Confidence: 0.9}}} {
				for _, e := range Group(text, toks, sents, tags) {
					checkEntity(t, text, e)
				}
			}
		}
	}
}

func TestRank(t *testing.T) {
	t.Parallel()
	// A lede of two sentences, not a headline.
	text, toks, sents, tags := parse(t, "[PER Vladimir Putin] and [PER Alyaksandr Lukashenka] will meet in [LOC Sochi]. "+
		"[PER Putin] said the talks matter. [LOC Sochi] is warm.\n"+
		"“It is hard,” [PER Artyom Shraibman] of the institute wrote.\n"+
		"“Sanctions will follow,” [PER Shraibman] of the institute added.")
	ents := Group(text, toks, sents, tags)
	names := func() []string {
		var out []string
		for _, e := range ents {
			out = append(out, e.Name)
		}
		return out
	}
	if want := []string{"Vladimir Putin", "Alyaksandr Lukashenka", "Sochi", "Artyom Shraibman"}; !slices.Equal(names(), want) {
		t.Fatalf("Group = %q; want %q", names(), want)
	}
	shraibman := 3
	Rank(text, ents, sents, []int{shraibman, shraibman, 99, -1})
	sum := 0.0
	for _, e := range ents {
		if e.Salience <= 0 || e.Salience > 1 {
			t.Errorf("%s: Salience = %v; want in (0,1]", e.Name, e.Salience)
		}
		sum += e.Salience
	}
	if sum > 1 {
		t.Errorf("sum of saliences = %v; want at most 1", sum)
	}
	if ents[0].Salience <= ents[1].Salience || ents[0].Salience <= ents[3].Salience {
		t.Errorf("Rank: Putin (named first, most often) has salience %v; want the highest (%v)", ents[0].Salience, ents)
	}
	if ents[3].Salience <= ents[1].Salience {
		t.Errorf("Rank with quotes: Shraibman %v <= Lukashenka %v; want the speaker of two quotes first", ents[3].Salience, ents[1].Salience)
	}
	Rank(text, ents, sents, nil)
	if ents[3].Salience >= ents[1].Salience {
		t.Errorf("Rank without quotes: Shraibman %v >= Lukashenka %v; want the one in the lede first", ents[3].Salience, ents[1].Salience)
	}
	Rank(text, nil, sents, []int{1}) // must not panic

	// After a headline (and the short lines under it: a date), the lede
	// counts as the lead too; after a first paragraph that is no headline,
	// the second paragraph does not.
	lede := func(first string) (lukashenka, putin float64) {
		text, toks, sents, tags := parse(t, first+"\n[PER Alyaksandr Lukashenka] left on Monday. The talks were short.\n"+
			"Later, [PER Vladimir Putin] spoke. [PER Putin] thanked him.")
		ents := Group(text, toks, sents, tags)
		Rank(text, ents, sents, nil)
		for _, e := range ents {
			switch e.Name {
			case "Alyaksandr Lukashenka":
				lukashenka = e.Salience
			case "Vladimir Putin":
				putin = e.Salience
			}
		}
		if lukashenka == 0 || putin == 0 {
			t.Fatalf("Group(%q) has no Lukashenka or Putin: %v", text, ents)
		}
		return lukashenka, putin
	}
	headline, _ := lede("Talks end in Sochi")
	long, _ := lede("The talks that the two leaders held in the Black Sea resort of Sochi ended on Monday without an agreement on gas prices.")
	if headline <= long {
		t.Errorf("Rank: salience of a name in the lede after a headline %v <= after a long first paragraph %v", headline, long)
	}
	if l, p := lede("Talks end in Sochi\nMonday, May 4, 2009"); l <= p {
		t.Errorf("Rank: after a headline and a date line, the name in the lede %v <= the one named twice after it %v; want the lede's first", l, p)
	}

	// A roll of those addressed is no lead; the paragraph after it is.
	text, toks, sents, tags = parse(t, "Senator [PER John Hatfield], Vice President [PER George Bush], and my fellow citizens:\n"+
		"Today [LOC America] begins anew. [LOC America] is strong.\nWe thank [PER Hatfield].")
	ents = Group(text, toks, sents, tags)
	Rank(text, ents, sents, nil)
	if len(ents) != 3 || ents[2].Name != "America" || ents[2].Salience <= ents[0].Salience {
		t.Errorf("Rank(%q) = %v; want America, named in the first paragraph after the roll, first", text, ents)
	}

	// The subject of a verb of speech counts more.
	text, toks, sents, tags = parse(t, "[PER John Smith] and [PER Jane Doe] met.\n[PER Smith] said it went well, [PER Doe] agreed.")
	ents = Group(text, toks, sents, tags)
	Rank(text, ents, sents, nil)
	if len(ents) != 2 || ents[0].Salience <= ents[1].Salience {
		t.Errorf("Rank(%q): John Smith (speaker) %v, Jane Doe %v; want the speaker first", text, ents[0].Salience, ents[1].Salience)
	}
}

func FuzzGroup(f *testing.F) {
	f.Add("Russian President Vladimir Putin met Lukashenka. Putin’s EU (European Union) said.", uint64(0x1234567))
	f.Add("The Kremlin said. TASS and Tass. U.S. and US.", uint64(42))
	f.Fuzz(func(t *testing.T, text string, seed uint64) {
		toks := tokenize.Tokenize(text)
		sents := segment.Sentences(text, toks)
		// Tag pseudo-random non-overlapping runs of tokens.
		var tags []ner.Mention
		for i := 0; i < len(toks); {
			seed = seed*6364136223846793005 + 1442695040888963407
			n := int(seed>>60) % 4
			if n == 0 || seed>>59&1 == 0 {
				i++
				continue
			}
			last := min(i+n, len(toks))
			tags = append(tags, ner.Mention{First: i, Last: last, Label: ner.Label(1 + seed>>40%4), Confidence: float64(seed>>20%100) / 100})
			i = last
		}
		ents := Group(text, toks, sents, tags)
		Rank(text, ents, sents, []int{0, 1})
		sum := 0.0
		for _, e := range ents {
			if len(e.Mentions) == 0 {
				t.Fatalf("entity %q has no mentions", e.Name)
			}
			for i, m := range e.Mentions {
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End || m.First < 0 || m.Last > len(toks) || m.First >= m.Last {
					t.Fatalf("entity %q: bad mention %+v", e.Name, m)
				}
				if i > 0 && m.First < e.Mentions[i-1].Last {
					t.Fatalf("entity %q: mentions out of order", e.Name)
				}
			}
			sum += e.Salience
		}
		if sum > 1 {
			t.Fatalf("saliences sum to %v", sum)
		}
	})
}

func TestIsCamelCase(t *testing.T) {
	for w, want := range map[string]bool{
		"OpenAI": true, "xAI": true, "eBay": true, "DeepMind": true, "ÉcoleAI": true, "naïveBank": true,
		"Apple": false, "NATO": false, "apple": false, "U.S.": false, "x": false, "": false, "Ünïcode": false,
	} {
		if got := isCamelCase(w); got != want {
			t.Errorf("isCamelCase(%q) = %v; want %v", w, got, want)
		}
	}
}

func TestRankDialogue(t *testing.T) {
	t.Parallel()
	// Alex says "I" five times; Dave says it once or not at all.
	rank := func(daveSpeaks bool) (alex, undertaker float64) {
		text, toks, sents, tags := parse(t, "[PER Alex] and [PER Dave] talk about [PER Undertaker].\n"+
			"I saw it. I loved it. I cheered, I said. I know.\nI agree.\n[PER Undertaker] won. [PER Undertaker] left.")
		ents := Group(text, toks, sents, tags)
		var is []int
		for i, tk := range toks {
			if tk.Text == "I" {
				is = append(is, i)
			}
		}
		if len(ents) != 3 || len(is) != 6 {
			t.Fatalf("Group(%q) = %v with %d \"I\"; want Alex, Dave, Undertaker and 6", text, ents, len(is))
		}
		pronoun := func(i int) Ref {
			return Ref{First: i, Last: i + 1, Start: toks[i].Start, End: toks[i].End, Kind: doc.Pronoun}
		}
		for _, i := range is[:5] {
			ents[0].Mentions = append(ents[0].Mentions, pronoun(i))
		}
		if daveSpeaks {
			ents[1].Mentions = append(ents[1].Mentions, pronoun(is[5]))
		}
		Rank(text, ents, sents, nil)
		return ents[0].Salience, ents[2].Salience
	}
	if alex, undertaker := rank(false); alex <= undertaker {
		t.Errorf("one speaker: Alex %v <= Undertaker %v; want the one who speaks first", alex, undertaker)
	}
	if alex, undertaker := rank(true); alex >= undertaker {
		t.Errorf("two speakers: Alex %v >= Undertaker %v; want the one they talk about first", alex, undertaker)
	}
}

// TestTitleLineEachLine checks titleLine's answer for every line of a text,
// asked in any order and again.
func TestTitleLineEachLine(t *testing.T) {
	lines := []struct {
		text  string
		title bool
	}{
		{"Next Steps", true},
		{"We will launch it next week.", false},
		{"1. Launch Partner Portal", true},
		{"| Region | Lead | Revenue |", true},
		{"The End.", false},
		{"Notes typed up by the assistant", false},
		{"Key Findings", true},
		{"- Customer retention improved", false},
		{"Table of Contents", true},
		{"Contact us at any time", false},
	}
	var text strings.Builder
	var starts []int
	for _, l := range lines {
		starts = append(starts, text.Len())
		text.WriteString(l.text + "\n")
	}
	g := &grouper{text: text.String()}
	for _, order := range [][]int{{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}} {
		for _, i := range order {
			if got := g.titleLine(starts[i] + 1); got != lines[i].title {
				t.Errorf("titleLine(%q) = %v, want %v", lines[i].text, got, lines[i].title)
			}
		}
	}
}
