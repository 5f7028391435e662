package mention

import (
	"slices"

	"github.com/entityextraction/extractd/extractor/internal/doc"
)

// Join adds the mentions, roles and speech cues of src to dst, for two
// entities found to be one (spelling variants of one name). dst keeps its
// name, label and confidence, unless src has more names: then dst takes
// src's name. Mentions stay in text order.
func Join(dst *Entity, src Entity) {
	if proper(src.Mentions) > proper(dst.Mentions) {
		dst.Name = src.Name
	}
	dst.Mentions = append(dst.Mentions, src.Mentions...)
	slices.SortStableFunc(dst.Mentions, func(a, b Ref) int { return a.First - b.First })
	for _, r := range src.Roles {
		if !slices.Contains(dst.Roles, r) {
			dst.Roles = append(dst.Roles, r)
		}
	}
	dst.Confidence = max(dst.Confidence, src.Confidence)
	dst.speech += src.speech
}

func proper(ms []Ref) int {
	n := 0
	for _, m := range ms {
		if m.Kind == doc.Proper {
			n++
		}
	}
	return n
}
