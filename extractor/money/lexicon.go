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
// document says otherwise, whether a bare name needs the document to name a
// country at all (a bare "pounds" may be weight), and codes that belong to
// the family without a name ending in its word (the ¥ of the yuan).
type famInfo struct {
	name     string
	def      string
	needsCue bool
	codes    string
}

var families = [numFamilies]famInfo{
	famDollar:   {name: "dollar", def: "USD"},
	famPound:    {name: "pound", def: "GBP", needsCue: true},
	famYen:      {name: "yen", def: "JPY", codes: "JPY CNY"},
	famWon:      {name: "won", def: "KRW", needsCue: true},
	famRupee:    {name: "rupee", def: "INR"},
	famMark:     {name: "mark", def: "DEM"},
	famFranc:    {name: "franc", def: "FRF"},
	famLira:     {name: "lira", def: "TRY"},
	famCrown:    {name: "crown", def: "SEK"},
	famKrona:    {name: "krona", def: "SEK"},
	famKrone:    {name: "krone", def: "DKK"},
	famDinar:    {name: "dinar", def: "KWD"},
	famRiyal:    {name: "riyal", def: "SAR"},
	famRial:     {name: "rial", def: "IRR"},
	famDirham:   {name: "dirham", def: "AED"},
	famPeso:     {name: "peso", def: "MXN"},
	famShilling: {name: "shilling", def: "KES"},
	famKwacha:   {name: "kwacha", def: "ZMW"},
}

// lexicon holds the currency forms, built once from the embedded tables.
type lexicon struct {
	names    map[string]unit   // lower-case word sequences, tokens joined by one space
	maxName  int               // most tokens in a name
	symbols  map[string]unit   // exact symbols and abbreviations, before or after the number
	prefix   map[string]unit   // exact forms only allowed before the number
	iso      map[string]bool   // ISO 4217 codes matched in upper case
	codeFam  map[string]family // the family of a currency named explicitly: CAD → dollar
	famCodes map[string]uint32 // the families a code belongs to, as bits: COP → 1<<famPeso

	countries   []country              // places.tsv
	placeByName map[string][]int       // lower-case place name → countries
	placeByTok  map[string][]placeName // first token of a place or adjective → its names
	cueWords    map[string]string      // words that point at a currency: "sterling" → GBP
	cueFirst    [256]bool              // the first bytes of cueWords
	shortFirst  [256]bool              // the first bytes of the keys of symbols, prefix and iso of at most 5 bytes
	periods     map[string][]period    // periods.tsv: code as named today → codes over time
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
		names:    map[string]unit{},
		symbols:  map[string]unit{},
		prefix:   map[string]unit{},
		iso:      map[string]bool{},
		codeFam:  map[string]family{},
		famCodes: map[string]uint32{},
		cueWords: map[string]string{},
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
		switch f[0] {
		case "iso":
			l.iso[f[1]] = true
			continue
		case "cue":
			l.cueWords[f[1]] = f[2]
			l.cueFirst[f[1][0]] = true
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
			l.famCodes[u.code] |= 1 << fu.fam
		}
	}
	for s, u := range l.prefix {
		if strings.HasSuffix(s, "$") && u.code != "" {
			l.codeFam[u.code] = famDollar // R$ and MX$ too, but reais and pesos are no dollars to a bare "$"
		}
	}
	for fam := family(1); fam < numFamilies; fam++ {
		for _, code := range strings.Fields(families[fam].codes) {
			l.famCodes[code] |= 1 << fam
		}
	}
	for _, m := range []map[string]unit{l.symbols, l.prefix} {
		for s := range m {
			if len(s) <= 5 {
				l.shortFirst[s[0]] = true
			}
		}
	}
	for s := range l.iso {
		l.shortFirst[s[0]] = true
	}
	l.loadPlaces()
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

// IsSign reports whether w, as written, is a currency's symbol, abbreviation
// or ISO 4217 code that an amount may open ("Rs", "KSh", "AED", "€", "US$"):
// beside a number it is no name.
func IsSign(w string) bool {
	l := getLexicon()
	_, sym := l.symbols[w]
	_, pre := l.prefix[w]
	return sym || pre || l.iso[w]
}
