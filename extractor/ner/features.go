package ner

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature groups that a model may use on top of the local features (the
// word, its shape, affixes and neighbours). They are switched by the trainer
// and recorded in the model file.
const (
	GroupGazetteers = 1 << iota // matches in the name lists, BILOU position
	GroupClusters               // Brown-cluster path prefixes of the word and its neighbours
	GroupDocument               // how the same word is cased elsewhere in the document
	GroupNonLocal               // second stage: how the first stage labelled the same word elsewhere
	GroupPriors                 // how the word, and the name it is part of, are used in unlabeled text
)

// Feature templates. A feature's key is a 32-bit hash of its template and value.
const (
	tBias      = 1
	tWord      = 2
	tLow       = 3
	tShape     = 4
	tPre       = 5  // 5..8: prefixes of 1..4 characters
	tSuf       = 9  // 9..12: suffixes
	tLowM2     = 13 // lower-cased words around the token
	tLowM1     = 14
	tLowP1     = 15
	tLowP2     = 16
	tBiM       = 17 // word bigrams
	tBiP       = 18
	tShM1      = 19
	tShP1      = 20
	tSh3       = 21
	tCapWin    = 22
	tFirst     = 23
	tHead      = 24
	tHeadFirst = 25
	tDoc       = 26
	tGaz       = 27
	tGazM1     = 28
	tGazP1     = 29
	tGazCap    = 30
	tClus      = 31 // 31..34: path prefixes of the word
	tClusM1    = 35 // 35..38: of the previous word
	tClusP1    = 39 // 39..42: of the next word
	tS1        = 43 // second stage
	tS1M1      = 44
	tS1P1      = 45
	tNLLab     = 46
	tNLMaj     = 47
	tNLNone    = 48
	tS1Word    = 49
	tNLEnt     = 50 // the token is inside a string labelled as an entity elsewhere
	tShM2      = 51
	tShP2      = 52
	tDateline  = 53
	tTable     = 54 // the sentence is a row of a results table
	tTableGaz  = 55
	tCase      = 56 // the document's casing, when it is all lower or all upper case
	tLayout    = 57 // the sentence is a heading, a title-case line or a list item
	tLayoutW   = 58 // the same, with the word
	tSource    = 59 // training only: a feature's copy for one training corpus
)

// Feature templates of the name priors (GroupPriors).
const (
	tPriorCap   = 60 // the word's capitalised share in unlabeled text, with its capitalization
	tPriorOcc   = 61 // how often the word is a name in unlabeled text
	tPriorClass = 62 // the word's classes of contexts as a name
	tPriorSpan  = 63 // the classes of contexts of the name of several words the token is in, with its position
)

// Capitalization classes.
const (
	capNone  = iota // no letter: numbers, punctuation
	capLower        // starts with a lower-case letter
	capTitle        // "Clinton"
	capAll          // "NATO", "A"
	capMixed        // "McDonald", "eBay" starting upper or "iPod"
)

// Document casing classes: whether capitalization carries information.
const (
	caseMixed = iota // ordinary text
	caseLower        // next to no capital letters: chat, transcripts, social text
	caseUpper        // next to no lower-case letters: telex, shouted headlines
	caseTitle        // next to every word capitalized: title-cased pages, headline lists
)

// Layout bits of a sentence: text whose capitals say nothing about names.
const (
	layoutHeading = 1 << iota // short, no closing punctuation: a heading or a table cell
	layoutTitle               // every longer word capitalized, no closing punctuation: "Table of Contents", "Key Findings"
	layoutList                // starts with a bullet or a list number
)

// tokInfo holds what the features need to know about one token.
type tokInfo struct {
	word, low, shape uint64
	wid              int32  // the word's index in docScratch.affixes
	clus             uint32 // Brown path bits under a leading 1; 0 when unknown
	gaz              uint64 // bit 4*category+position for each gazetteer match covering the token
	gaz1             uint32 // the name lists' value for the word alone (categories, prefix bit), or 0
	lid              int32  // the index of its lower-case form (low) in docScratch.lows
	nlEnt            uint32 // bit 4*type+position for each stage-1 entity string elsewhere covering the token
	prior            uint32 // the name priors' value for the word alone, or 0
	pspan            uint32 // the priors' value of the name of several words covering the token, or 0
	ppos             uint8  // the token's BILOU position in that name
	capc             uint8
	initial          bool  // first token of its sentence
	headline         bool  // its sentence is in capitals
	dateline         bool  // its sentence ends in a date, as "LONDON 1996-08-22"
	table            bool  // its sentence has numbers and next to no lower-case words: a results table
	layout           uint8 // layoutHeading | layoutTitle | layoutList of its sentence
	cand             bool  // could be part of a name: capitalized, or any word in text without case
	tcase            uint8 // the casing of its text: its document's, or caseLower in a sentence without capitals
	doc              uint8
}

// votes reports whether the first stage's label of the token counts as
// evidence for the other occurrences of its word in the second stage. A
// heading's or table cell's does not: its capitals say little, and a
// one-word title ("Paris" above an article) is too easily read as a name of
// the kind the titles of biographies are.
func (ti *tokInfo) votes() bool { return ti.layout&layoutHeading == 0 }

// caseOf classifies a document's casing from its words' capitalization
// classes, counting words of two letters or more.
func caseOf(info []tokInfo, words []string) uint8 {
	letters, upperStart, allCaps := 0, 0, 0
	for i := range info {
		c := info[i].capc
		if c == capNone || len(words[i]) < 2 {
			continue
		}
		letters++
		if c >= capTitle {
			upperStart++
		}
		if c == capAll {
			allCaps++
		}
	}
	switch {
	case letters < 8:
		return caseMixed
	case upperStart*50 <= letters:
		return caseLower
	case allCaps*10 >= letters*9:
		return caseUpper
	case upperStart*10 >= letters*8:
		return caseTitle
	}
	return caseMixed
}

// lowerSentence reports whether a sentence of three words or more has no
// capitalized word but single letters ("I").
func lowerSentence(info []tokInfo, words []string) bool {
	n := 0
	for i := range info {
		if info[i].capc >= capTitle && len(words[i]) > 1 {
			return false
		}
		if info[i].capc == capLower && len(words[i]) > 1 {
			n++
		}
	}
	return n >= 3
}

// layoutOf returns the layout bits of one sentence's words.
func layoutOf(info []tokInfo, words []string) uint8 {
	var l uint8
	first, last := words[0], words[len(words)-1]
	if isBullet(first) {
		l |= layoutList
	}
	closed := strings.ContainsAny(last, ".!?:;,\"'”’)")
	if len(words) <= 12 && !closed {
		l |= layoutHeading
	}
	long, capLong := 0, 0
	for i := range info {
		if info[i].capc == capNone || utf8.RuneCountInString(words[i]) < 4 {
			continue
		}
		long++
		if info[i].capc >= capTitle {
			capLong++
		}
	}
	if long >= 2 && capLong == long && len(words) <= 20 && !closed {
		l |= layoutTitle
	}
	return l
}

// isBullet reports whether w opens a list item: a bullet sign or a list
// number such as "1." or "2)".
func isBullet(w string) bool {
	switch w {
	case "-", "*", "•", "·", "–", "—", "‣", "◦", "▪", "+":
		return true
	}
	n := len(w)
	if n < 2 || n > 4 || (w[n-1] != '.' && w[n-1] != ')') {
		return false
	}
	for i := 0; i < n-1; i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// key is the 32-bit key of template tpl with value v. Zero marks empty slots
// in the weight table, so no key is zero.
func key(tpl int, v uint64) uint32 {
	h := mix(v ^ uint64(tpl+1)*0xd6e8feb86659fd93)
	k := uint32(h>>32) ^ uint32(h)
	if k == 0 {
		k = 1
	}
	return k
}

// appendLower appends the lower-cased bytes of s to b.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, c)
		} else {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		i += size
	}
	return b
}

// shapeOf appends the collapsed shape of s to b: upper-case letters map to X,
// lower-case ones to x, digits to d, other characters to themselves, and runs
// of a class are cut to two ("Clinton" → "Xxx"… → "Xxx" is "Xx" then "x").
func shapeOf(b []byte, s string) ([]byte, uint8) {
	var prev, prev2 byte
	upper, lower, first := 0, 0, byte(0)
	n := 0
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
			upper++
		case unicode.IsLetter(r):
			c = 'x'
			lower++
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '~'
		}
		if n == 0 {
			first = c
		}
		n++
		if c == prev && c == prev2 {
			continue
		}
		b = append(b, c)
		prev2, prev = prev, c
	}
	var capc uint8
	switch {
	case upper == 0 && lower == 0:
		capc = capNone
	case first == 'x' || first != 'X' && upper == 0:
		capc = capLower
	case lower == 0:
		capc = capAll
	case first == 'X' && upper == 1:
		capc = capTitle
	default:
		capc = capMixed
	}
	return b, capc
}

// punctReplacer maps typographic punctuation to the ASCII forms of the
// CoNLL training text, so that "’s" and "'s" or “ and " look alike to the model.
var punctReplacer = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "“", "\"", "”", "\"", "„", "\"", "«", "\"", "»", "\"",
	"—", "--", "–", "-", "‐", "-", "‑", "-", "…", "...")

// asciiPunct returns w with typographic punctuation replaced; words without
// any (nearly all) are returned as they are, without allocating.
func asciiPunct(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			if strings.ContainsAny(w, "’‘ʼ“”„«»—–‐‑…") {
				return punctReplacer.Replace(w)
			}
			return w
		}
	}
	return w
}

// affixHashes returns the hashes of the 1- to 4-rune prefixes and suffixes
// of the lower-cased word low; 0 where the word is too short.
func affixHashes(low []byte) (a affixes) {
	// Rune boundaries from the front and the back.
	n := 0
	for i := 0; i < len(low) && n < 4; n++ {
		_, size := utf8.DecodeRune(low[i:])
		i += size
		a.pre[n] = hashBytes(low[:i])
	}
	n = 0
	for j := len(low); j > 0 && n < 4; n++ {
		_, size := utf8.DecodeLastRune(low[:j])
		j -= size
		a.suf[n] = hashBytes(low[j:])
	}
	return a
}

// affixes are the prefix and suffix hashes of a word.
type affixes struct{ pre, suf [4]uint64 }

// sentinel values for tokens beyond the sentence.
var (
	hashBOS = hashString("<s>")
	hashEOS = hashString("</s>")
)

// featureSet is what a model was trained with.
type featureSet struct {
	groups   int
	gaz      *gazetteer
	clusters *clusterMap
	priors   *priorTable
}

// docScratch is the reusable per-document state of the feature extractor.
type docScratch struct {
	info    []tokInfo
	docCase uint8 // caseMixed, caseLower or caseUpper
	// What depends on a word alone, per distinct word, kept from one
	// document to the next (see analyze): lex[wid] and affixes[wid] are the
	// word's, and words maps a word's hash to its wid.
	words   map[uint64]int32
	recent  [recentSlots]recentWord // in front of words, for the frequent words: one cache line, not a lookup in a large map
	lex     []tokInfo
	affixes []affixes // kept apart from lex, which is copied per token
	lexGen  int       // counts the times lex was emptied
	// lows numbers the lower-case forms of the words in lex (tokInfo.low →
	// tokInfo.lid): the document's tallies per form are slices indexed by
	// it, not maps.
	lows map[uint64]int32
	// The name lists' and the priors' values of phrases of several words,
	// kept too (the tables are the model's: they do not change).
	gazSeen, priorSeen phraseCache
	lower              []byte
	shape              []byte
	keys               []uint32             // features of all tokens, token i's at keys[offs[i]:offs[i+1]]
	win                [][numWinKeys]uint32 // per token, the features of the shapes and capitalization around it, when localKeys puts them apart
	offs               []int32
	flags              []uint8 // per lower-case form: docFlags of the document's words
	// second stage
	rows   []int32 // per lower-case form: 1 + its row in table, or 0
	table  [][numLabels]int32
	ents   map[uint64][numTypes + 1]int32 // stage-1 entity strings: count by type
	prefix map[uint64]bool
}

// markEntities sets tokInfo.nlEnt from the stage-1 entities.
func (s *docScratch) markEntities(labels []int) {
	if s.ents == nil {
		s.ents = make(map[uint64][numTypes + 1]int32)
		s.prefix = make(map[uint64]bool)
	}
	s.ents = reset(s.ents)
	s.prefix = reset(s.prefix)
	start := -1
	for i, y := range labels {
		s.info[i].nlEnt = 0
		if y == 0 {
			start = -1
			continue
		}
		switch labelPos(y) {
		case posB:
			start = i
			continue
		case posU:
			start = i
		case posI:
			continue
		}
		if start < 0 || i+1-start > maxGazTokens || !s.info[start].votes() {
			continue
		}
		h := uint64(0)
		for j := start; j <= i; j++ {
			h = phraseStep(h, s.info[j].low)
			if j < i {
				s.prefix[h] = true
			}
		}
		c := s.ents[h]
		c[labelType(y)]++
		s.ents[h] = c
		start = -1
	}
	if len(s.ents) == 0 {
		return
	}
	for i := range s.info {
		if !s.info[i].cand {
			continue
		}
		h := uint64(0)
		for n := 1; n <= maxGazTokens && i+n <= len(s.info); n++ {
			h = phraseStep(h, s.info[i+n-1].low)
			c, ok := s.ents[h]
			if ok {
				// Leave out this occurrence if the first stage labelled it so.
				y, z := labels[i], labels[i+n-1]
				if s.info[i].votes() && (n == 1 && y != 0 && labelPos(y) == posU || n > 1 && y != 0 && labelPos(y) == posB && z != 0 && labelPos(z) == posL && labelType(y) == labelType(z)) {
					c[labelType(y)]--
				}
				for t := 1; t <= numTypes; t++ {
					if c[t] <= 0 {
						continue
					}
					if n == 1 {
						s.info[i].nlEnt |= 1 << (4*(t-1) + posU)
						continue
					}
					s.info[i].nlEnt |= 1 << (4*(t-1) + posB)
					for j := i + 1; j < i+n-1; j++ {
						s.info[j].nlEnt |= 1 << (4*(t-1) + posI)
					}
					s.info[i+n-1].nlEnt |= 1 << (4*(t-1) + posL)
				}
			}
			if !s.prefix[h] {
				break
			}
		}
	}
}

// recentWord is a word's hash and 1 + its wid (0: an empty slot).
type recentWord struct {
	h   uint64
	wid int32
}

const recentSlots = 1 << 12

// docFlags bits.
const (
	seenLower   = 1 << iota // the word occurs in lower case elsewhere (not first in a sentence)
	seenCapMid              // it occurs capitalized inside a sentence that is not a headline
	docLowerToo             // token feature: capitalized here, seen in lower case elsewhere
	docCapToo               // token feature: first or headline here, capitalized mid-sentence elsewhere
)

// maxLexWords is how many distinct words a docScratch remembers across
// documents before it starts afresh: enough for the common words of
// running text, few enough that the memory stays small.
const maxLexWords = 1 << 14

// analyze fills s.info for the words of a document split into sentences
// (each sentence a half-open range of word indices).
func (fs *featureSet) analyze(s *docScratch, words []string, sents [][2]int) {
	if cap(s.info) < len(words) {
		s.info = make([]tokInfo, len(words))
	}
	s.info = s.info[:len(words)]
	if s.words == nil || len(s.lex) > maxLexWords {
		s.words = make(map[uint64]int32)
		s.lows = make(map[uint64]int32)
		clear(s.recent[:])
		s.lex, s.affixes = s.lex[:0], s.affixes[:0]
		if s.lex == nil {
			// Room for all the words remembered, so that they are not
			// copied as they come.
			s.lex, s.affixes = make([]tokInfo, 0, maxLexWords), make([]affixes, 0, maxLexWords)
		}
		s.lexGen++
	}
	for _, sr := range sents {
		letters, allCaps := 0, true
		lowerWords, numbers := 0, 0
		for i := sr[0]; i < sr[1]; i++ {
			w := asciiPunct(words[i])
			ti := &s.info[i]
			h := hashString(w)
			// What depends on the word alone is worked out once per
			// distinct word, and kept for the next documents.
			if r := &s.recent[h&(recentSlots-1)]; r.h == h && r.wid > 0 {
				*ti = s.lex[r.wid-1]
			} else if j, ok := s.words[h]; ok {
				*r = recentWord{h, j + 1}
				*ti = s.lex[j]
			} else {
				fs.analyzeWord(s, ti, w, h)
			}
			capc := ti.capc
			ti.initial = i == sr[0]
			ti.gaz = 0
			ti.doc = 0
			ti.nlEnt = 0
			if capc == capLower && len(w) > 1 {
				lowerWords++
			}
			if capc == capNone && w[0] >= '0' && w[0] <= '9' {
				numbers++
			}
			switch capc {
			case capLower, capMixed:
				allCaps = false
			case capTitle:
				if len(w) > 1 {
					allCaps = false
				}
			case capAll:
				if len(w) > 1 {
					letters++
				}
			}
		}
		head := allCaps && letters > 0
		dateline := isDate(words[sr[1]-1]) && sr[1]-sr[0] <= 6
		table := numbers > 0 && lowerWords <= 1 && !dateline
		lay := layoutOf(s.info[sr[0]:sr[1]], words[sr[0]:sr[1]])
		for i := sr[0]; i < sr[1]; i++ {
			s.info[i].headline = head
			s.info[i].dateline = dateline
			s.info[i].table = table
			s.info[i].layout = lay
		}
	}
	s.docCase = caseOf(s.info, words)
	for _, sr := range sents {
		// In ordinary text, a sentence without a capital is read like a
		// lower-case document.
		tc := s.docCase
		if tc == caseMixed && lowerSentence(s.info[sr[0]:sr[1]], words[sr[0]:sr[1]]) {
			tc = caseLower
		}
		for i := sr[0]; i < sr[1]; i++ {
			ti := &s.info[i]
			ti.tcase = tc
			ti.cand = ti.capc >= capTitle || tc != caseMixed && ti.capc != capNone
		}
		if fs.gaz != nil && fs.groups&GroupGazetteers != 0 {
			fs.gaz.mark(words[sr[0]:sr[1]], s.info[sr[0]:sr[1]], &s.gazSeen)
		}
		if fs.priors != nil && fs.groups&GroupPriors != 0 {
			fs.priors.mark(s.info[sr[0]:sr[1]], &s.priorSeen)
		}
	}
	if fs.groups&GroupDocument != 0 {
		s.flags = perLow(s, s.flags)
		for i := range s.info {
			ti := &s.info[i]
			switch {
			case ti.capc == capLower && !ti.initial:
				s.flags[ti.lid] |= seenLower
			case (ti.capc == capTitle || ti.capc == capMixed) && !ti.initial && !ti.headline:
				s.flags[ti.lid] |= seenCapMid
			}
		}
		for i := range s.info {
			ti := &s.info[i]
			if ti.capc < capTitle {
				continue
			}
			f := s.flags[ti.lid]
			if f&seenLower != 0 {
				ti.doc |= docLowerToo
			}
			if (ti.initial || ti.headline) && f&seenCapMid != 0 {
				ti.doc |= docCapToo
			}
		}
	}
}

// analyzeWord sets what depends on the word w (whose hash is h) alone in
// ti, and remembers it in s.lex.
func (fs *featureSet) analyzeWord(s *docScratch, ti *tokInfo, w string, h uint64) {
	s.words[h] = int32(len(s.lex))
	s.lower = appendLower(s.lower[:0], w)
	ti.word = h
	ti.low = hashBytes(s.lower)
	ti.wid = int32(len(s.affixes))
	s.affixes = append(s.affixes, affixHashes(s.lower))
	lid, ok := s.lows[ti.low]
	if !ok {
		lid = int32(len(s.lows))
		s.lows[ti.low] = lid
	}
	ti.lid = lid
	s.shape, ti.capc = shapeOf(s.shape[:0], w)
	ti.shape = hashBytes(s.shape)
	ti.clus = 0
	if fs.clusters != nil && fs.groups&GroupClusters != 0 {
		ti.clus = fs.clusters.lookup(w, s.lower)
	}
	ti.gaz1 = 0
	if fs.gaz != nil && fs.groups&GroupGazetteers != 0 {
		ti.gaz1 = fs.gaz.lookup1(ti.low)
	}
	ti.prior = 0
	if fs.priors != nil && fs.groups&GroupPriors != 0 {
		ti.prior = fs.priors.lookup1(ti.low)
	}
	s.lex = append(s.lex, *ti)
}

// localKeys computes the first-stage features of every token into s.keys.
// With split, for the tagger, which sums their weights once per distinct
// value, it leaves out the features of the word alone (see
// [featureSet.wordKeys]) and those that depend on one neighbouring word
// alone (see [featureSet.neighbourKeys]), and puts the four features of
// the shapes and capitalization around the token in s.win (numWinKeys per
// token) instead of s.keys.
func (fs *featureSet) localKeys(s *docScratch, sents [][2]int, split bool) {
	neighbours := !split
	s.keys = s.keys[:0]
	s.win = s.win[:0]
	s.offs = append(s.offs[:0], 0)
	info := s.info
	for _, sr := range sents {
		lo, hi := sr[0], sr[1]
		for i := lo; i < hi; i++ {
			ti := &info[i]
			k := s.keys
			if !split {
				k = fs.wordKeys(k, ti, &s.affixes[ti.wid])
			}
			lm1, lm2, lp1, lp2 := hashBOS, hashBOS, hashEOS, hashEOS
			shm1, shp1 := hashBOS, hashEOS
			capm1, capp1 := uint64(7), uint64(8)
			if i-1 >= lo {
				lm1, shm1, capm1 = info[i-1].low, info[i-1].shape, uint64(info[i-1].capc)
			}
			if i-2 >= lo {
				lm2 = info[i-2].low
			}
			if i+1 < hi {
				lp1, shp1, capp1 = info[i+1].low, info[i+1].shape, uint64(info[i+1].capc)
			}
			if i+2 < hi {
				lp2 = info[i+2].low
			}
			if neighbours {
				k = append(k, key(tLowM2, lm2), key(tLowM1, lm1), key(tLowP1, lp1), key(tLowP2, lp2))
			}
			k = append(k, key(tBiM, lm1*31^ti.low), key(tBiP, ti.low*31^lp1))
			if neighbours {
				k = append(k, key(tShM1, shm1), key(tShP1, shp1))
			}
			sh3, capWin := key(tSh3, (shm1*31^ti.shape)*31^shp1), key(tCapWin, capm1<<8|uint64(ti.capc)<<4|capp1)
			if !split {
				k = append(k, sh3, capWin)
			}
			if ti.initial {
				k = append(k, key(tFirst, ti.shape))
			}
			if ti.headline {
				k = append(k, key(tHead, ti.low))
				if ti.initial {
					k = append(k, key(tHeadFirst, 0))
				}
			}
			if ti.doc != 0 {
				k = append(k, key(tDoc, uint64(ti.doc)<<4|uint64(ti.capc)))
			}
			if ti.dateline {
				k = append(k, key(tDateline, uint64(ti.capc)))
			}
			if ti.tcase != caseMixed {
				k = append(k, key(tCase, uint64(ti.tcase)<<4|uint64(ti.capc)))
			}
			if ti.layout != 0 && ti.capc != capNone {
				k = append(k, key(tLayout, uint64(ti.layout)<<4|uint64(ti.capc)),
					key(tLayoutW, ti.low*31^uint64(ti.layout)))
			}
			if ti.table && ti.capc >= capTitle {
				k = append(k, key(tTable, uint64(ti.capc)))
				for bits := ti.gaz; bits != 0; bits &= bits - 1 {
					k = append(k, key(tTableGaz, uint64(bitsTrailingZeros(bits))))
				}
			}
			shm2, shp2 := hashBOS, hashEOS
			if i-2 >= lo {
				shm2 = info[i-2].shape
			}
			if i+2 < hi {
				shp2 = info[i+2].shape
			}
			shM2, shP2 := key(tShM2, shm2*31^ti.shape), key(tShP2, ti.shape*31^shp2)
			if split {
				s.win = append(s.win, [numWinKeys]uint32{sh3, capWin, shM2, shP2})
			} else {
				k = append(k, shM2, shP2)
			}
			if fs.groups&GroupGazetteers != 0 {
				k = gazKeys(k, info[lo:hi], i-lo)
			}
			k = fs.appendPriorSpan(k, ti)
			if neighbours && fs.groups&GroupClusters != 0 {
				if i-1 >= lo {
					k = appendClus(k, tClusM1, info[i-1].clus)
				}
				if i+1 < hi {
					k = appendClus(k, tClusP1, info[i+1].clus)
				}
			}
			s.keys = k
			s.offs = append(s.offs, int32(len(k)))
		}
	}
}

// numWinKeys is the number of features of the shapes and capitalization
// around a token: of the shapes at -1, 0, +1, of the capitalization at -1,
// 0, +1, of the shapes at -2, 0 and at 0, +2.
const numWinKeys = 4

// Positions of a word relative to the token whose features are made, for
// the features that depend on that neighbouring word alone.
const (
	posM2 = iota // two before
	posM1
	posP1
	posP2 // two after
	numNeighbourPos
)

// neighbourKeys appends the features that the word of ti gives the token at
// relative position pos (posM2 … posP2): what localKeys leaves out with
// neighbours false. A nil ti stands for the sentence's edge: before the
// first token for posM2 and posM1, after the last for posP1 and posP2.
func (fs *featureSet) neighbourKeys(k []uint32, ti *tokInfo, pos int) []uint32 {
	if ti == nil {
		switch pos {
		case posM2:
			return append(k, key(tLowM2, hashBOS))
		case posM1:
			return append(k, key(tLowM1, hashBOS), key(tShM1, hashBOS))
		case posP1:
			return append(k, key(tLowP1, hashEOS), key(tShP1, hashEOS))
		}
		return append(k, key(tLowP2, hashEOS))
	}
	switch pos {
	case posM2:
		return append(k, key(tLowM2, ti.low))
	case posM1:
		k = append(k, key(tLowM1, ti.low), key(tShM1, ti.shape))
		if fs.groups&GroupClusters != 0 {
			k = appendClus(k, tClusM1, ti.clus)
		}
		return k
	case posP1:
		k = append(k, key(tLowP1, ti.low), key(tShP1, ti.shape))
		if fs.groups&GroupClusters != 0 {
			k = appendClus(k, tClusP1, ti.clus)
		}
		return k
	}
	return append(k, key(tLowP2, ti.low))
}

// wordKeys appends the features of the word of ti alone (a its affixes).
func (fs *featureSet) wordKeys(k []uint32, ti *tokInfo, a *affixes) []uint32 {
	k = append(k, key(tBias, 0), key(tWord, ti.word), key(tLow, ti.low), key(tShape, ti.shape))
	for j := 0; j < 4; j++ {
		if a.pre[j] != 0 {
			k = append(k, key(tPre+j, a.pre[j]))
		}
		if a.suf[j] != 0 {
			k = append(k, key(tSuf+j, a.suf[j]))
		}
	}
	if fs.groups&GroupClusters != 0 {
		k = appendClus(k, tClus, ti.clus)
	}
	return fs.appendPriorWord(k, ti)
}

// gazKeys appends the name-list features of token i of a sentence.
func gazKeys(k []uint32, info []tokInfo, i int) []uint32 {
	k = appendGaz(k, tGaz, info[i].gaz, uint64(info[i].capc)+1)
	if i-1 >= 0 {
		k = appendGaz(k, tGazM1, info[i-1].gaz, 0)
	}
	if i+1 < len(info) {
		k = appendGaz(k, tGazP1, info[i+1].gaz, 0)
	}
	return k
}

// appendGaz adds one feature per gazetteer match; with capc > 0 it also adds
// the match conjoined with the capitalization class.
func appendGaz(k []uint32, tpl int, bits uint64, capc uint64) []uint32 {
	for bits != 0 {
		b := uint64(bitsTrailingZeros(bits))
		bits &= bits - 1
		k = append(k, key(tpl, b))
		if capc > 0 {
			k = append(k, key(tGazCap, b<<4|capc))
		}
	}
	return k
}

func trailingZeros32(x uint32) int { return bits.TrailingZeros32(x) }

func bitsTrailingZeros(x uint64) int { return bits.TrailingZeros64(x) }

// clusterPrefixes are the path lengths used as features.
var clusterPrefixes = [4]int{4, 6, 10, 20}

func appendClus(k []uint32, tpl int, path uint32) []uint32 {
	if path == 0 {
		return append(k, key(tpl, 0))
	}
	n := 31 - leadingZeros32(path) // path length
	for j, p := range clusterPrefixes {
		if p > n && j > 0 {
			break
		}
		q := min(p, n)
		pre := path >> (n - q) // keeps the sentinel bit
		k = append(k, key(tpl+j, uint64(pre)))
	}
	return k
}

func leadingZeros32(x uint32) int {
	n := 0
	for x&0x80000000 == 0 {
		x <<= 1
		n++
	}
	return n
}

// nonLocalKeys appends the second-stage features of token i, given the
// first-stage labels of the whole document, to k. countNonLocal must have run.
func (s *docScratch) nonLocalKeys(k []uint32, i int, labels []int, lo, hi int) []uint32 {
	y := labels[i]
	k = append(k, key(tS1, uint64(y)))
	ym1, yp1 := uint64(numLabels), uint64(numLabels+1)
	if i-1 >= lo {
		ym1 = uint64(labels[i-1])
	}
	if i+1 < hi {
		yp1 = uint64(labels[i+1])
	}
	k = append(k, key(tS1M1, ym1<<8|uint64(y)), key(tS1P1, uint64(y)<<8|yp1))
	ti := &s.info[i]
	for bits := ti.nlEnt; bits != 0; bits &= bits - 1 {
		k = append(k, key(tNLEnt, uint64(trailingZeros32(bits))))
	}
	if !ti.cand {
		return k
	}
	row := s.rows[ti.lid]
	if row == 0 {
		return k
	}
	c := s.table[row-1]
	if ti.votes() {
		c[y]-- // leave this occurrence out
	}
	var byType [numTypes + 1]int32
	any := false
	for l, n := range c {
		if n > 0 {
			any = true
			k = append(k, key(tNLLab, uint64(l)))
			byType[labelType(l)] += n
		}
	}
	if !any {
		return append(k, key(tNLNone, uint64(ti.capc)))
	}
	best := 0
	for t := 1; t <= numTypes; t++ {
		if byType[t] > byType[best] {
			best = t
		}
	}
	return append(k, key(tNLMaj, uint64(best)), key(tS1Word, uint64(best)<<8|uint64(y)))
}

// reset empties m for the next document. Clearing a map costs time in
// proportion to the largest size it ever had, so after a large document a
// fresh map is cheaper for the small ones that follow.
func reset[K comparable, V any](m map[K]V) map[K]V {
	if len(m) > 4096 {
		return make(map[K]V)
	}
	clear(m)
	return m
}

// isDate reports whether w looks like the date of a dateline: 1996-08-22.
func isDate(w string) bool {
	if len(w) != 10 || w[4] != '-' || w[7] != '-' {
		return false
	}
	for i := 0; i < len(w); i++ {
		if i != 4 && i != 7 && (w[i] < '0' || w[i] > '9') {
			return false
		}
	}
	return true
}

// countNonLocal tallies the first-stage labels of each capitalized word of
// the document, and marks the tokens of each string that the first stage
// labelled as an entity somewhere else in the document.
func (s *docScratch) countNonLocal(labels []int) {
	s.markEntities(labels)
	s.rows = perLow(s, s.rows)
	s.table = s.table[:0]
	for i := range s.info {
		ti := &s.info[i]
		if !ti.cand || !ti.votes() {
			continue
		}
		row := &s.rows[ti.lid]
		if *row == 0 {
			s.table = append(s.table, [numLabels]int32{})
			*row = int32(len(s.table))
		}
		s.table[*row-1][labels[i]]++
	}
}

// perLow returns v with room for the lower-case form of every word of the
// document (see tokInfo.lid), and zeros for those.
func perLow[T uint8 | int32](s *docScratch, v []T) []T {
	n := int32(0)
	for i := range s.info {
		n = max(n, s.info[i].lid+1)
	}
	if int(n) > len(v) {
		v = append(v, make([]T, int(n)-len(v))...)
	}
	for i := range s.info {
		v[s.info[i].lid] = 0
	}
	return v
}
