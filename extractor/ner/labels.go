package ner

// The tagger labels tokens with the BILOU scheme: a mention of one token is
// U-X; longer ones are B-X, I-X…, L-X; other tokens are O. Label indices:
// 0 is O, and type t (PER=1 … MISC=4) has B at 4t-3, I at 4t-2, L at 4t-1
// and U at 4t.
const (
	numTypes  = 4
	numLabels = 1 + 4*numTypes
)

const (
	posB = iota
	posI
	posL
	posU
)

func labelOf(t Label, pos int) int { return 1 + 4*(int(t)-1) + pos }

// labelType returns the entity type of label y (0 for O).
func labelType(y int) Label {
	if y == 0 {
		return 0
	}
	return Label((y-1)/4 + 1)
}

// labelPos returns the BILOU position of label y (meaningless for O).
func labelPos(y int) int { return (y - 1) % 4 }

// validTrans reports whether label b may follow label a.
func validTrans(a, b int) bool {
	inside := a != 0 && (labelPos(a) == posB || labelPos(a) == posI)
	if inside {
		return labelType(b) == labelType(a) && (labelPos(b) == posI || labelPos(b) == posL)
	}
	return b == 0 || labelPos(b) == posB || labelPos(b) == posU
}

// validStart and validEnd report whether a sentence may start or end with y.
func validStart(y int) bool { return y == 0 || labelPos(y) == posB || labelPos(y) == posU }
func validEnd(y int) bool   { return y == 0 || labelPos(y) == posL || labelPos(y) == posU }

// String returns "PER", "LOC", "ORG" or "MISC".
func (l Label) String() string {
	switch l {
	case PER:
		return "PER"
	case LOC:
		return "LOC"
	case ORG:
		return "ORG"
	case MISC:
		return "MISC"
	}
	return "O"
}

// ParseLabel is the inverse of [Label.String]; it returns 0 for anything else.
func ParseLabel(s string) Label {
	switch s {
	case "PER":
		return PER
	case "LOC":
		return LOC
	case "ORG":
		return ORG
	case "MISC":
		return MISC
	}
	return 0
}

// bilouFromIOB2 converts IOB2 tags of one sentence to BILOU label indices.
func bilouFromIOB2(tags []string, out []int) []int {
	out = out[:0]
	for i, t := range tags {
		if t == "O" || len(t) < 3 {
			out = append(out, 0)
			continue
		}
		typ := ParseLabel(t[2:])
		if typ == 0 {
			out = append(out, 0)
			continue
		}
		cont := i+1 < len(tags) && tags[i+1] == "I-"+t[2:]
		var pos int
		switch {
		case t[0] == 'B' && cont:
			pos = posB
		case t[0] == 'B':
			pos = posU
		case cont:
			pos = posI
		default:
			pos = posL
		}
		out = append(out, labelOf(typ, pos))
	}
	return out
}

// spansOf returns the mentions that a valid BILOU label sequence encodes, with
// token indices offset by base.
func spansOf(labels []int, base int, out []Mention) []Mention {
	start := -1
	for i, y := range labels {
		if y == 0 {
			start = -1
			continue
		}
		switch labelPos(y) {
		case posU:
			out = append(out, Mention{First: base + i, Last: base + i + 1, Label: labelType(y)})
			start = -1
		case posB:
			start = i
		case posL:
			if start >= 0 {
				out = append(out, Mention{First: base + start, Last: base + i + 1, Label: labelType(y)})
			}
			start = -1
		}
	}
	return out
}
