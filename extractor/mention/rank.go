package mention

import (
	"context"
	"strings"

	"github.com/entityextraction/extractd/extractor/internal/checkpoint"
	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/segment"
)

// Weights of the salience score.
const (
	// leadWeight is added to a mention in the lead: the first paragraph of
	// running text and the short lines before it (see leadEnd).
	leadWeight = 1.5
	// maxHeadlineTokens is the longest a one-sentence first paragraph can be
	// and still be taken for a headline (or another short line: a date, a
	// byline).
	maxHeadlineTokens = 16
	// leadReach is how many paragraphs from the start the lead may take in:
	// past the short lines under a title (a date, a byline, the authors) to
	// the first paragraph of running text, but not over a conversation's
	// short turns. Chosen on GUM train (top-1 0.86 at 4 to 6; 0.85 at 2 or
	// 3, with no limit, or without passing the short lines).
	leadReach = 6
	// positionWeight is added to a mention at the start of the text and falls
	// linearly to nothing at its end.
	positionWeight = 0.5
	// speakerWeight is added for each quote attributed to the entity.
	speakerWeight = 1.0
	// firstWeight is added to the entity with the earliest mention: the
	// subject of a news story is usually named first.
	firstWeight = 0.5
	// speechWeight is added for each mention that is the subject of a verb
	// of speech ("Peskov said").
	speechWeight = 0.5
	// pronounFactor scales the score of a pronoun (see coref): weaker
	// evidence of what a text is about than a name. With placeFactor,
	// chosen on GUM train (top-1 0.83 at 0.5 and places at 0.75; 0.86 at
	// 0.7 or 0.75 with places at 0.65 or 0.7; 0.83 at 1).
	pronounFactor = 0.75
	// descriptionFactor scales the score of a description ("the
	// Secretary"), whose links are less often right than a pronoun's (GUM
	// train: 0.83 against 0.93 of those linked to a gold cluster). Chosen
	// on GUM train: top-1 0.87 at 0 to 0.64, 0.86 at 0.68 or more.
	descriptionFactor = 0.6
	// placeFactor scales the score of a place: places are more often the
	// setting of a story (and its dateline) than its subject.
	placeFactor = 0.7
	// organizationFactor scales the score of an organization: often a
	// story's source or setting ("Wikinews", "the House") rather than its
	// subject.
	organizationFactor = 0.75
	// dialogueSpeakers is how many entities must speak of themselves in
	// the first person for a text to be a dialogue (a conversation, a
	// podcast, a hearing), where a speaker's "I" says who is talking, not
	// what the talk is about, and does not count. In a text one person
	// writes or speaks (a letter, a vlog, an interview's answers) it does:
	// that person is what such a text is usually about. Chosen on GUM:
	// dev top-1 0.71 → 0.75 (the wrestling podcast, whose co-host's 23
	// "I"s outranked the wrestler the hosts talk about), train 0.87
	// unchanged (one top entity of 143 changed, a court hearing's, between
	// two of its most salient entities), no top entity changed in the
	// recorded news outputs; the same at a weight of 0.25 for such a
	// pronoun, or with each speaker saying "I" twice.
	dialogueSpeakers = 2
	// titleWeight is added to an entity named in the title (a headline:
	// a first paragraph of one short sentence): what a text is about is usually named in
	// its title. With organizationFactor, chosen on GUM train (top-1 0.80
	// without either, 0.83 at a title weight of 4 to 8 and organizations
	// at 0.75 or 1).
	titleWeight = 6.0
)

// Rank sets the salience of each entity of text. speakers holds the index in
// ents of the speaker of each attributed quote (indices out of range are
// ignored).
//
// Each mention scores 1, plus 1.5 in the lead (the first paragraph of
// running text and the short lines before it: a headline, a date, a
// byline; not a roll of those the text addresses, see openingRoll), plus up
// to 0.5 the nearer it is to the start of the text, plus 0.5 if it is the
// subject of a verb of speech ("Peskov said"); a pronoun's score is scaled
// by 0.75 and a description's by 0.6, and in a dialogue a speaker's "I"
// does not count (see dialogueSpeakers). An entity named in the title (a
// headline) adds 6. A place's score is then scaled by 0.7 and an
// organization's by 0.75, as they are more often a story's setting or
// source than its subject. Each quote the entity is the speaker of adds 1,
// and the entity named first adds 0.5. Salience is the entity's share of
// the total score, so the saliences sum to 1 (or 0 for no entities).
func Rank(text string, ents []Entity, sents []segment.Sentence, speakers []int) {
	RankContext(context.Background(), text, ents, sents, speakers) //nolint:errcheck // Background never ends
}

// RankContext is [Rank], stopping with the context's error (and the
// saliences unset) if ctx ends; it checks ctx every [checkpoint.Every]
// mentions.
func RankContext(ctx context.Context, text string, ents []Entity, sents []segment.Sentence, speakers []int) error {
	ck := checkpoint.New(ctx)
	if len(ents) == 0 {
		return nil
	}
	r := newRanker(sents, openingRoll(text, ents, sents))
	r.text, r.dialogue = text, isDialogue(text, ents)
	scores := make([]float64, len(ents))
	first, firstTok := -1, 0
	for i, e := range ents {
		v, err := r.score(e, ck)
		if err != nil {
			return err
		}
		scores[i] = v
		if len(e.Mentions) > 0 && (first < 0 || e.Mentions[0].First < firstTok) {
			first, firstTok = i, e.Mentions[0].First
		}
	}
	for _, s := range speakers {
		if s >= 0 && s < len(ents) {
			scores[s] += speakerWeight
		}
	}
	if first >= 0 {
		scores[first] += firstWeight
	}
	total := 0.0
	for _, s := range scores {
		total += s
	}
	for i := range ents {
		ents[i].Salience = 0
		if total > 0 {
			// The small margin keeps the rounded sum at most 1.
			ents[i].Salience = scores[i] / total * (1 - 1e-9)
		}
	}
	return nil
}

// ranker holds what the score of a mention depends on besides the mention.
type ranker struct {
	sents    []segment.Sentence
	lastTok  int
	leadFrom int // the first paragraph of the lead
	leadPara int // the last paragraph of the lead, or -1 (see leadEnd)
	title    int // the paragraph of the headline, or -1
	text     string
	dialogue bool // see isDialogue
}

// firstSingular are the pronouns of a speaker speaking of themselves.
var firstSingular = lexicon.Union("pronouns-first-singular", "pronouns-first-contracted")

// isFirstPerson reports whether pronoun mention m is a speaker's "I", "me",
// "my", ... of text.
func isFirstPerson(text string, m Ref) bool {
	if m.Kind != doc.Pronoun {
		return false
	}
	t := text[m.Start:m.End]
	return t == "I" || firstSingular[t] || firstSingular[strings.ToLower(t)]
}

// isDialogue reports whether at least dialogueSpeakers entities speak of
// themselves in the first person in text.
func isDialogue(text string, ents []Entity) bool {
	speakers := 0
	for _, e := range ents {
		for _, m := range e.Mentions {
			if isFirstPerson(text, m) {
				speakers++
				break
			}
		}
	}
	return speakers >= dialogueSpeakers
}

// newRanker returns the ranker of a text's sentences; roll says the first
// paragraph is a roll of those addressed (see openingRoll), which is no
// lead.
func newRanker(sents []segment.Sentence, roll bool) ranker {
	r := ranker{sents: sents, leadPara: -1, title: titleParagraph(sents)}
	if len(sents) == 0 {
		return r
	}
	r.lastTok = sents[len(sents)-1].Last
	if roll {
		r.title = -1
		r.leadFrom = sents[1].Paragraph
		r.leadPara = leadEnd(sents[1:], -1)
	} else {
		r.leadPara = leadEnd(sents, r.title)
	}
	return r
}

// openingRoll reports whether text opens with a roll of those it addresses:
// a first paragraph of one sentence, ending in a colon, that names two
// people or more ("Senator Hatfield, Mr. Chief Justice, …, and my fellow
// citizens:"). They are the audience, not the subject. (A letter's "Dear
// Hannah:" names one.)
func openingRoll(text string, ents []Entity, sents []segment.Sentence) bool {
	if len(sents) < 2 || sents[1].Paragraph == sents[0].Paragraph || !strings.HasSuffix(text[sents[0].Start:sents[0].End], ":") {
		return false
	}
	people := 0
	for _, e := range ents {
		if e.Label == ner.PER && len(e.Mentions) > 0 && e.Mentions[0].First < sents[0].Last {
			people++
		}
	}
	return people >= 2
}

// leadEnd returns the last paragraph of the lead of a text with at least
// one sentence: the first paragraph of running text (more than one
// sentence, or one longer than a headline) among the first leadReach;
// else the first paragraph, and the next one too after a title.
func leadEnd(sents []segment.Sentence, title int) int {
	for i, seen := 0, 0; i < len(sents) && seen < leadReach; seen++ {
		j := i + 1
		for j < len(sents) && sents[j].Paragraph == sents[i].Paragraph {
			j++
		}
		if j-i > 1 || sents[i].Last-sents[i].First > maxHeadlineTokens {
			return sents[i].Paragraph
		}
		i = j
	}
	if title >= 0 {
		return sents[1].Paragraph
	}
	return sents[0].Paragraph
}

// score is an entity's score before the quotes it is the speaker of and
// the bonus of the entity named first.
func (r ranker) score(e Entity, ck *checkpoint.Counter) (float64, error) {
	v, titled := 0.0, false
	for _, m := range e.Mentions {
		if err := ck.Tick(); err != nil {
			return 0, err
		}
		if r.dialogue && isFirstPerson(r.text, m) {
			continue
		}
		w := 1.0
		s := sentenceIndex(r.sents, m.First)
		if s < len(r.sents) && r.sents[s].Paragraph >= r.leadFrom && r.sents[s].Paragraph <= r.leadPara {
			w += leadWeight
		}
		if r.lastTok > 0 && m.First < r.lastTok {
			w += positionWeight * (1 - float64(m.First)/float64(r.lastTok))
		}
		switch {
		case m.Kind == doc.Pronoun:
			w *= pronounFactor
		case m.Kind == doc.Nominal:
			w *= descriptionFactor
		case s < len(r.sents) && r.sents[s].Paragraph == r.title:
			titled = true
		}
		v += w
	}
	v += speechWeight * float64(e.speech)
	if titled {
		v += titleWeight
	}
	switch e.Label {
	case ner.LOC:
		v *= placeFactor
	case ner.ORG:
		v *= organizationFactor
	}
	return v, nil
}

// titleParagraph returns the paragraph of the text's title, a first
// paragraph of one short sentence followed by others (a headline), or -1.
func titleParagraph(sents []segment.Sentence) int {
	if len(sents) > 1 && sents[1].Paragraph != sents[0].Paragraph && sents[0].Last-sents[0].First <= maxHeadlineTokens {
		return sents[0].Paragraph
	}
	return -1
}

// sentenceIndex returns the index of the sentence that holds token i.
func sentenceIndex(sents []segment.Sentence, i int) int {
	lo, hi := 0, len(sents)
	for lo < hi {
		m := (lo + hi) / 2
		if sents[m].Last <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// sameSentence reports whether tokens i and j are in one sentence.
func (g *grouper) sameSentence(i, j int) bool {
	return sentenceIndex(g.sents, i) == sentenceIndex(g.sents, j)
}
