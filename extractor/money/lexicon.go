package money

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The currency table: ISO 4217 codes, names and symbols from countries-list
// (MIT), copied from ../shared/data/gazetteers/currencies.tsv by go generate,
// and the project's own variants, abbreviations and historical currencies.
//
//go:generate cp ../../../shared/data/gazetteers/currencies.tsv data/currencies.tsv

//go:embed data/currencies.tsv
var currenciesTSV string

//go:embed data/names.tsv
var namesTSV string

// unit is what a currency word or symbol denotes: a currency, or a family of
// currencies that the document decides (bare "$", "francs", "crowns"), in
// whole units or in hundredths ("cents", "pence").
type unit struct {
	code   string // ISO 4217 code, or "" when fam decides
	fam    family
	minor  bool // hundredths of the currency
	symbol bool // a symbol or abbreviation rather than a word

	// scaledOnly names need a scale before them: "51 billion mark", but
	// not "the 10,000 mark".
	scaledOnly bool

	// sure is set on a name that the text around it shows to be money, so
	// that it needs no country word: "182 pounds ( $ 282 )".
	sure bool
}

// family is a name that several currencies share.
type family uint8

const (
	famNone family = iota
	famDollar
	famPound
	famYen // the ¥ sign: yen or yuan
	famWon
	famRupee
	famMark
	famFranc
	famLira
	famCrown
	famKrona
	famKrone
	famDinar
	famRiyal
	famRial
	famDirham
	famPeso
	famShilling
	famKwacha
	numFamilies
)

// famInfo says how a family is resolved: the code used when nothing in the
// document says otherwise, the words that name a country in the document, and
// whether a bare name needs such a word at all (a bare "pounds" may be weight).
type famInfo struct {
	name     string
	def      string
	needsCue bool
	cues     string // "Word Word=CODE;Word=CODE"
}

var families = [numFamilies]famInfo{
	famDollar: {name: "dollar", def: "USD"},
	famPound: {name: "pound", def: "GBP", needsCue: true, cues: `Britain=GBP British=GBP London=GBP UK=GBP U.K.=GBP England=GBP
		English=GBP Scotland=GBP Scottish=GBP Wales=GBP Welsh=GBP sterling=GBP stg=GBP Sterling=GBP STG=GBP £=GBP pence=GBP
		Ireland=IEP Irish=IEP Dublin=IEP Egypt=EGP Egyptian=EGP Cairo=EGP Lebanon=LBP Lebanese=LBP Beirut=LBP
		Syria=SYP Syrian=SYP Damascus=SYP Cyprus=CYP Sudan=SDG Sudanese=SDG`},
	famYen: {name: "yen", def: "JPY", cues: `Japan=JPY Japanese=JPY Tokyo=JPY yen=JPY China=CNY Chinese=CNY Beijing=CNY
		Shanghai=CNY yuan=CNY renminbi=CNY RMB=CNY`},
	famWon: {name: "won", def: "KRW", needsCue: true, cues: `Korea=KRW Korean=KRW Seoul=KRW KOREA=KRW Samsung=KRW
		Hyundai=KRW Kia=KRW Daewoo=KRW Kospi=KRW KOSPI=KRW
		Pyongyang=KPW`},
	famRupee: {name: "rupee", def: "INR", cues: `India=INR Indian=INR Delhi=INR Bombay=INR Mumbai=INR Calcutta=INR
		Pakistan=PKR Pakistani=PKR Karachi=PKR Islamabad=PKR Lahore=PKR Lanka=LKR Lankan=LKR Colombo=LKR
		Nepal=NPR Nepalese=NPR Kathmandu=NPR Mauritius=MUR Seychelles=SCR`},
	famMark: {name: "mark", def: "DEM", cues: `Germany=DEM German=DEM Bonn=DEM Frankfurt=DEM Finland=FIM Finnish=FIM Helsinki=FIM`},
	famFranc: {name: "franc", def: "FRF", cues: `France=FRF French=FRF Paris=FRF Switzerland=CHF Zurich=CHF
		Geneva=CHF Berne=CHF Bern=CHF Basle=CHF Basel=CHF Belgium=BEF Belgian=BEF Brussels=BEF Antwerp=BEF
		Luxembourg=LUF`},
	famLira: {name: "lira", def: "TRY", cues: `Turkey=TRY Turkish=TRY Ankara=TRY Istanbul=TRY Italy=ITL Italian=ITL Rome=ITL
		Milan=ITL Malta=MTL Maltese=MTL`},
	famCrown: {name: "crown", def: "SEK", cues: `Sweden=SEK Swedish=SEK Stockholm=SEK Denmark=DKK Danish=DKK Copenhagen=DKK
		Norway=NOK Norwegian=NOK Oslo=NOK Czech=CZK Prague=CZK Iceland=ISK Icelandic=ISK Reykjavik=ISK Estonia=EEK
		Slovakia=SKK Slovak=SKK`},
	famKrona: {name: "krona", def: "SEK", cues: `Sweden=SEK Swedish=SEK Stockholm=SEK Iceland=ISK Icelandic=ISK Reykjavik=ISK`},
	famKrone: {name: "krone", def: "DKK", cues: `Denmark=DKK Danish=DKK Copenhagen=DKK Norway=NOK Norwegian=NOK Oslo=NOK`},
	famDinar: {name: "dinar", def: "KWD", cues: `Kuwait=KWD Kuwaiti=KWD Iraq=IQD Iraqi=IQD Baghdad=IQD Jordan=JOD Jordanian=JOD
		Amman=JOD Bahrain=BHD Bahraini=BHD Manama=BHD Libya=LYD Libyan=LYD Tripoli=LYD Tunisia=TND Tunisian=TND Tunis=TND
		Algeria=DZD Algerian=DZD Algiers=DZD Serbia=RSD Serbian=RSD Belgrade=RSD Yugoslavia=YUN Yugoslav=YUN`},
	famRiyal:  {name: "riyal", def: "SAR", cues: `Saudi=SAR Riyadh=SAR Qatar=QAR Qatari=QAR Doha=QAR Yemen=YER Yemeni=YER`},
	famRial:   {name: "rial", def: "IRR", cues: `Iran=IRR Iranian=IRR Tehran=IRR Oman=OMR Omani=OMR Muscat=OMR`},
	famDirham: {name: "dirham", def: "AED", cues: `UAE=AED Emirates=AED Emirati=AED Dubai=AED Morocco=MAD Moroccan=MAD Rabat=MAD`},
	famPeso: {name: "peso", def: "MXN", cues: `Mexico=MXN Mexican=MXN Argentina=ARS Argentine=ARS Buenos=ARS Philippines=PHP
		Philippine=PHP Manila=PHP Filipino=PHP Chile=CLP Chilean=CLP Santiago=CLP Colombia=COP Colombian=COP Bogota=COP
		Uruguay=UYU Uruguayan=UYU Montevideo=UYU Cuba=CUP Cuban=CUP Dominican=DOP Bolivia=BOB Bolivian=BOB`},
	famShilling: {name: "shilling", def: "KES", cues: `Kenya=KES Kenyan=KES Nairobi=KES Uganda=UGX Ugandan=UGX Kampala=UGX
		Tanzania=TZS Tanzanian=TZS Somalia=SOS Somali=SOS Austria=ATS Austrian=ATS Vienna=ATS`},
	famKwacha: {name: "kwacha", def: "ZMW", cues: `Zambia=ZMW Zambian=ZMW Lusaka=ZMW Malawi=MWK Malawian=MWK`},
}

// lexicon holds the currency forms, built once from the embedded tables.
type lexicon struct {
	names   map[string]unit   // lower-case word sequences, tokens joined by one space
	maxName int               // most tokens in a name
	symbols map[string]unit   // exact symbols and abbreviations, before or after the number
	prefix  map[string]unit   // exact forms only allowed before the number
	iso     map[string]bool   // ISO 4217 codes matched in upper case
	cues    map[string]cue    // country words, exact case
	codeFam map[string]family // the family of a currency named explicitly: CAD → dollar
}

type cue struct {
	fams  [4]family
	codes [4]string
	n     int
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

// ISO codes that are English words or common acronyms in upper-case
// headlines, fund codes and test codes: never read as currencies.
var isoSkip = map[string]bool{
	"ALL": true, "TOP": true, "CUP": true, "MOP": true, "PEN": true, "SOS": true, "BOB": true, "GEL": true,
	"MAD": true, "TRY": true, "BAM": true, "AMD": true, "ANG": true, "CVE": true, "ERN": true,
	"BOV": true, "CHE": true, "CHW": true, "CLF": true, "COU": true, "MXV": true, "USN": true, "USS": true,
	"UYI": true, "UYW": true, "XAD": true, "XAG": true, "XAU": true, "XBA": true, "XBB": true, "XBC": true,
	"XBD": true, "XPD": true, "XPT": true, "XSU": true, "XTS": true, "XUA": true, "XXX": true, "VED": true,
	"SUR": true, "ARA": true, "ESP": true, "ROL": true, "PEI": true,
}

// nameSkip lists the codes whose names are not read either: metals, funds and
// units of account.
var nameSkip = map[string]bool{
	"XAG": true, "XAU": true, "XPD": true, "XPT": true, "XTS": true, "XXX": true, "XBA": true, "XBB": true,
	"XBC": true, "XBD": true, "XSU": true, "XUA": true, "XAD": true, "BOV": true, "CHE": true, "CHW": true,
	"CLF": true, "COU": true, "MXV": true, "USN": true, "USS": true, "UYI": true, "UYW": true, "ZWG": true,
}

func getLexicon() *lexicon {
	lexOnce.Do(func() { lex = buildLexicon() })
	return lex
}

func buildLexicon() *lexicon {
	l := &lexicon{
		names:   map[string]unit{},
		symbols: map[string]unit{},
		prefix:  map[string]unit{},
		iso:     map[string]bool{},
		cues:    map[string]cue{},
		codeFam: map[string]family{},
	}
	// currencies.tsv: code, name, symbol, symbol_native, numeric, decimals.
	symCount := map[string]int{}
	symCode := map[string]string{}
	for i, line := range strings.Split(currenciesTSV, "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 4 || len(f[0]) != 3 {
			continue
		}
		code, name := f[0], f[1]
		if !isoSkip[code] {
			l.iso[code] = true
		}
		if strings.ContainsAny(name, "()") || nameSkip[code] {
			continue
		}
		// "Canadian Dollar" → "canadian dollar", "canadian dollars".
		lower := strings.ToLower(name)
		l.addName(lower, unit{code: code})
		l.addName(pluralize(lower), unit{code: code})
		for _, s := range uniq(f[2], f[3]) {
			if usableSymbol(s) {
				symCount[s]++
				symCode[s] = code
			}
		}
	}
	for s, n := range symCount {
		if n == 1 {
			l.symbols[s] = unit{code: symCode[s], symbol: true}
		}
	}
	// names.tsv: the project's forms; they override the table.
	for _, line := range strings.Split(namesTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			continue
		}
		if f[0] == "iso" {
			l.iso[f[1]] = true
			continue
		}
		u := parseTarget(f[2])
		switch f[0] {
		case "name":
			l.addName(f[1], u)
		case "sym":
			u.symbol = true
			l.symbols[f[1]] = u
		case "pre":
			u.symbol = true
			l.prefix[f[1]] = u
		}
	}
	for s := range l.prefix {
		delete(l.symbols, s)
	}
	// News abbreviations of every "... dollars" and "... cents": "Zimbabwean
	// dlrs", "Canadian cts".
	for form, u := range l.names {
		for _, abbr := range [][2]string{{" dollars", " dlrs"}, {" dollar", " dlr"}, {" cents", " cts"}} {
			if head, ok := strings.CutSuffix(form, abbr[0]); ok {
				if _, dup := l.names[head+abbr[1]]; !dup {
					l.names[head+abbr[1]] = u
				}
			}
		}
	}
	// The singular of every national name: "a 275 million Norwegian crown
	// bond", "a 110 million Dutch guilder loan".
	for form, u := range l.names {
		if head, ok := strings.CutSuffix(form, "s"); ok && strings.IndexByte(form, ' ') > 0 {
			if _, dup := l.names[head]; !dup {
				l.names[head] = u
			}
		}
	}
	l.names["mark"] = unit{fam: famMark, scaledOnly: true}
	l.names["crown"] = unit{fam: famCrown, scaledOnly: true}
	// "canadian dollars" is CAD, and "dollars" is the dollar family: CAD is
	// a dollar.
	for form, u := range l.names {
		i := strings.LastIndexByte(form, ' ')
		if u.code == "" || u.minor || i < 0 {
			continue
		}
		if fu := l.names[form[i+1:]]; fu.fam != famNone && !fu.minor {
			l.codeFam[u.code] = fu.fam
		}
	}
	for s, u := range l.prefix {
		if strings.HasSuffix(s, "$") && u.code != "" {
			l.codeFam[u.code] = famDollar
		}
	}
	for fam := family(1); fam < numFamilies; fam++ {
		for _, kv := range strings.Fields(families[fam].cues) {
			word, code, _ := strings.Cut(kv, "=")
			c := l.cues[word]
			if c.n < len(c.fams) {
				c.fams[c.n], c.codes[c.n] = fam, code
				c.n++
			}
			l.cues[word] = c
		}
	}
	return l
}

func (l *lexicon) addName(form string, u unit) {
	l.names[form] = u
	if n := strings.Count(form, " ") + 1; n > l.maxName {
		l.maxName = n
	}
}

// parseTarget reads "EUR", "GBP/100", "@dollar" or "@dollar/100".
func parseTarget(t string) unit {
	var u unit
	t, u.minor = strings.CutSuffix(t, "/100")
	if name, ok := strings.CutPrefix(t, "@"); ok {
		for fam := family(1); fam < numFamilies; fam++ {
			if families[fam].name == name {
				u.fam = fam
			}
		}
		return u
	}
	u.code = t
	return u
}

// usableSymbol reports whether a symbol from the table can be matched: it has
// a non-ASCII character or a "$" (plain letters such as "K" or "lei" would
// match ordinary words).
func usableSymbol(s string) bool {
	if s == "" || s == "$" {
		return false
	}
	for _, r := range s {
		if r >= utf8.RuneSelf && !unicode.IsLetter(r) || r == '$' || r == '£' {
			return true
		}
	}
	return false
}

func uniq(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// invariant names have the same form in the plural.
var invariant = map[string]string{
	"yen": "yen", "yuan": "yuan", "won": "won", "rand": "rand", "baht": "baht", "kip": "kip", "kyat": "kyats",
	"riel": "riels", "naira": "naira", "renminbi": "renminbi", "rupiah": "rupiah", "ringgit": "ringgit",
	"dong": "dong", "vatu": "vatu", "real": "reais", "krona": "kronor", "krone": "kroner", "koruna": "korunas",
	"leu": "lei", "lira": "liras", "złoty": "złotys", "lek": "lekë", "som": "som", "tenge": "tenge",
	"ngultrum": "ngultrum", "kwacha": "kwacha", "lari": "lari", "pula": "pula", "loti": "maloti",
	"lilangeni": "emalangeni", "rufiyaa": "rufiyaa", "paʻanga": "paʻanga", "tala": "tala", "kina": "kina",
	"birr": "birr", "nakfa": "nakfa", "ouguiya": "ouguiya", "ariary": "ariary", "dobra": "dobras",
	"lempira": "lempiras", "córdoba": "córdobas", "colón": "colones", "bolívar": "bolívares", "guarani": "guaranis",
	"sol": "soles", "peso": "pesos", "sheqel": "shekels",
}

func pluralize(name string) string {
	i := strings.LastIndexByte(name, ' ')
	head, last := name[:i+1], name[i+1:]
	if p, ok := invariant[last]; ok {
		return head + p
	}
	if strings.HasSuffix(last, "s") {
		return name
	}
	return head + last + "s"
}
