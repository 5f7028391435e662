package ner

import (
	"bufio"
	"strings"
	"unicode"

	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Gazetteer categories. A token covered by a match of category c at BILOU
// position p gets bit 4c+p of tokInfo.gaz.
const (
	GazWikiLocation     = iota // Wikipedia location titles and redirects
	GazWikiOrganization        // Wikipedia organization titles and redirects
	GazCity                    // GeoNames cities
	GazCountry                 // country names
	GazNationality             // demonyms
	GazFirstName               // given names
	GazSurname                 // family names
	GazOrganization            // agencies, universities, companies
	GazCompany                 // listed companies of today
	GazInstitution             // universities, parties, media, international bodies, agencies, airlines of today
	GazTeam                    // football clubs and sports teams
	GazFacility                // airports
	GazWeakOrg                 // short forms that are often something else: town-named clubs, nicknames, acronyms, common words
	GazWikiPerson              // Wikipedia titles and names that the text defines as people ("X is a British politician")
	GazWikiOther               // Wikipedia titles and names that the text defines as works, events, products, peoples, languages…
	numGazCategories
)

// The categories' bits must fit tokInfo.gaz, below gazPrefix in a table value.
const _ = uint(64 - 4*numGazCategories)
const _ = uint(15 - numGazCategories)

// maxGazTokens is the longest entry, in tokens, that is matched.
const maxGazTokens = 6

// gazPrefix marks a key that is a proper prefix of a longer entry.
const gazPrefix = 1 << 15

// gazetteer finds name-list entries in token sequences. Entries are matched
// on lower-cased tokens. Keys are hashes of the lower-cased token sequence.
type gazetteer struct {
	t *table
}

func phraseStep(h, low uint64) uint64 { return mix(h*0x9e3779b97f4a7c15 ^ low) }

func phraseKey(h uint64) uint32 { return key(0, h) }

// GazetteerBuilder collects entries for a gazetteer.
type GazetteerBuilder struct {
	t     *table
	lower []byte
	n     int
}

// NewGazetteerBuilder returns an empty builder.
func NewGazetteerBuilder() *GazetteerBuilder { return &GazetteerBuilder{t: newTable(1 << 16)} }

// Len is the number of entries added.
func (b *GazetteerBuilder) Len() int { return b.n }

// Add adds name to category cat. It reports whether the entry was kept:
// entries of more than maxGazTokens tokens, or with no letter, are dropped.
func (b *GazetteerBuilder) Add(cat int, name string) bool {
	toks := tokenize.Tokenize(name)
	if len(toks) == 0 || len(toks) > maxGazTokens || !strings.ContainsFunc(name, unicode.IsLetter) {
		return false
	}
	h := uint64(0)
	for i, tk := range toks {
		b.lower = appendLower(b.lower[:0], tk.Text)
		h = phraseStep(h, hashBytes(b.lower))
		k := phraseKey(h)
		v, _ := b.t.get(k)
		if i == len(toks)-1 {
			v |= 1 << cat
		} else {
			v |= gazPrefix
		}
		b.t.put(k, v)
	}
	b.n++
	return true
}

func (b *GazetteerBuilder) build() *gazetteer { return &gazetteer{t: b.t} }

// mark sets the gazetteer bits of the tokens of one sentence. Entries match
// whatever the case: the features conjoin a match with the token's
// capitalization, so the model learns how much a lower-case match means.
func (g *gazetteer) mark(words []string, info []tokInfo, seen *phraseCache) {
	for i := range words {
		h := uint64(0)
		for n := 1; n <= maxGazTokens && i+n <= len(words); n++ {
			h = phraseStep(h, info[i+n-1].low)
			v := info[i].gaz1 // the word alone, looked up once per distinct word
			if n > 1 {
				v = seen.get(g.t, phraseKey(h))
			}
			if v == 0 {
				break
			}
			cats := v &^ gazPrefix
			if cats != 0 && !(n == 1 && info[i].capc == capNone) {
				for c := 0; c < numGazCategories; c++ {
					if cats&(1<<c) == 0 {
						continue
					}
					if n == 1 {
						info[i].gaz |= 1 << (4*c + posU)
						continue
					}
					info[i].gaz |= 1 << (4*c + posB)
					for j := i + 1; j < i+n-1; j++ {
						info[j].gaz |= 1 << (4*c + posI)
					}
					info[i+n-1].gaz |= 1 << (4*c + posL)
				}
			}
			if v&gazPrefix == 0 {
				break
			}
		}
	}
}

// lookup1 returns the table value of the one-word phrase low (its
// categories and whether it begins a longer entry), or 0.
func (g *gazetteer) lookup1(low uint64) uint32 {
	v, _ := g.t.get(phraseKey(phraseStep(0, low)))
	return v
}

// phraseCache remembers what a table gave for the keys of phrases of
// several words, which the documents a tagging goroutine reads ask for
// again and again, so that they are not looked up in the large table (a
// cache miss each) every time: direct-mapped, and exact, a slot holding its
// key. Keys are hashes and never zero (see key), so a zero key is an empty
// slot.
type phraseCache struct {
	keys, vals [phraseCacheSlots]uint32
}

const phraseCacheSlots = 1 << 12

// get returns t's value for key k, or 0 if t has none.
func (c *phraseCache) get(t *table, k uint32) uint32 {
	i := k & (phraseCacheSlots - 1)
	if c.keys[i] == k {
		return c.vals[i]
	}
	v, _ := t.get(k)
	c.keys[i], c.vals[i] = k, v
	return v
}

func (g *gazetteer) writeTo(w *bufio.Writer) error { return g.t.writeTo(w) }

func readGazetteer(r byteReader) (*gazetteer, error) {
	t, err := readTable(r)
	if err != nil {
		return nil, err
	}
	return &gazetteer{t: t}, nil
}

// wikiNamespaces open the lines of the Wikipedia lists that are pages of
// another kind than articles: "Category:Cities in Portugal",
// "Image:Heinkel.png".
var wikiNamespaces = []string{"Category:", "Image:", "Template:", "User:", "Wikipedia:", "Portal:"}

// CleanGazetteerEntry tidies one line of a name list: it strips a byte-order
// mark and white space, drops the lines of Wikipedia's other namespaces
// ("Category:", "Image:", "Template:", ...), cuts a parenthesised or
// comma-separated qualifier ("Plymouth (town), NH" → "Plymouth") and drops
// run-together redirects such as "AberdeenSouthDakota". It reports false for
// lines to skip.
func CleanGazetteerEntry(s string) (string, bool) {
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "#") {
		return "", false
	}
	for _, ns := range wikiNamespaces {
		if strings.HasPrefix(s, ns) {
			return "", false
		}
	}
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	if i := strings.Index(s, ", "); i > 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if s == "" || runTogether(s) {
		return "", false
	}
	return s, true
}

// runTogether reports whether s is several capitalized words without spaces,
// as in "AmericanSamoa": a run of three or more lower-case letters followed by
// an upper-case one. "McDonald" and "YouTube" are kept.
func runTogether(s string) bool {
	if strings.ContainsRune(s, ' ') {
		return false
	}
	lowerRun := 0
	for _, r := range s {
		switch {
		case unicode.IsLower(r):
			lowerRun++
		case unicode.IsUpper(r):
			if lowerRun >= 3 {
				return true
			}
			lowerRun = 0
		default:
			lowerRun = 0
		}
	}
	return false
}

// todaysOrganizations are the categories of the lists of today's
// organizations, their ambiguous short forms included.
const todaysOrganizations = 1<<GazCompany | 1<<GazInstitution | 1<<GazTeam | 1<<GazWeakOrg

// ListedOrganization reports whether words, matched without regard to
// case, are an entry of the model's lists of today's organizations
// (companies, institutions, teams, and their ambiguous short forms such as
// "Apple" or "Lakers"). It is knowledge, not a decision: a short form is
// often something else, so callers ask only where the words around a name
// say it is an organization's. A model without those lists lists nothing.
func (m *Model) ListedOrganization(words []string) bool {
	return m.listed(words)&todaysOrganizations != 0
}

// otherNames are the categories of names that are not organizations'.
const otherNames = 1<<GazWikiLocation | 1<<GazCity | 1<<GazCountry | 1<<GazNationality | 1<<GazFirstName | 1<<GazSurname |
	1<<GazFacility | 1<<GazWikiPerson | 1<<GazWikiOther | 1<<GazWeakOrg | 1<<GazTeam

// ListedCompany reports whether words, matched without regard to case, are
// a company or an institution of today on the model's lists and on no list
// of other names (places, people, works, teams, ambiguous short forms).
func (m *Model) ListedCompany(words []string) bool {
	v := m.listed(words)
	return v&companies != 0 && v&otherNames == 0
}

// places are the categories of the lists of places, and companies those
// of today's companies and institutions.
const (
	places    = 1<<GazWikiLocation | 1<<GazCity | 1<<GazCountry
	companies = 1<<GazCompany | 1<<GazInstitution
)

// LowerCasePlace reports whether words, all in lower case, are a place's
// name written carelessly: on the model's lists of places (cities,
// countries, Wikipedia's locations), on none of its lists of companies and
// institutions (a town's club may share its name), and with a word the
// unlabeled text the word clusters were learned from never writes so
// ("lourdes", "noida", "san francisco"; not "march" or "nice", which that
// text writes in lower case as ordinary words, nor "new york", whose
// "york" it writes so in addresses). A model without lists or clusters
// knows none.
func (m *Model) LowerCasePlace(words []string) bool {
	if m.fs.clusters == nil || len(words) == 0 {
		return false
	}
	unseen := false
	for _, w := range words {
		if w == "" || strings.ToLower(w) != w {
			return false
		}
		if _, seen := m.fs.clusters.t.get(clusterKey(hashString(w))); !seen {
			unseen = true
		}
	}
	v := m.listed(words)
	return unseen && v&places != 0 && v&companies == 0
}

// listed returns the categories of words on the model's lists.
func (m *Model) listed(words []string) uint32 {
	g := m.fs.gaz
	if g == nil || len(words) == 0 || len(words) > maxGazTokens {
		return 0
	}
	h := uint64(0)
	var arr [64]byte
	buf := arr[:0]
	var v uint32
	for _, w := range words {
		buf = appendLower(buf[:0], w)
		h = phraseStep(h, hashBytes(buf))
		v, _ = g.t.get(phraseKey(h))
		if v == 0 {
			return 0
		}
	}
	return v
}
