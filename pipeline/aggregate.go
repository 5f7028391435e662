package main

import (
	"encoding/json"
	"strings"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// maxAggregateKeys bounds the entity counts a bundle holds before it emits
// them.
const maxAggregateKeys = 100_000

// entityKey is an entity as the aggregate counts it: its type ("PERSON",
// "PLACE", "ORGANIZATION" or a dictionary's own) and canonical name.
type entityKey struct{ Type, Name string }

// entityCount is how often an entity occurs in the corpus.
type entityCount struct {
	Documents int64 // documents that mention it
	Mentions  int64 // mentions in all of them
}

func sumCounts(a, b entityCount) entityCount {
	return entityCount{Documents: a.Documents + b.Documents, Mentions: a.Mentions + b.Mentions}
}

// addAggregate counts the entities of one result: people, places,
// organizations and the custom entities of dictionaries. Two entities of a
// document with the same type and name count as one document.
func (fn *extractFn) addAggregate(r *extractv1.ExtractResponse, emit func(string, entityCount)) {
	seen := map[entityKey]bool{}
	for _, ents := range [][]*extractv1.Entity{r.GetPeople(), r.GetPlaces(), r.GetOrganizations(), r.GetCustomEntities()} {
		for _, e := range ents {
			k := entityKey{e.GetType(), e.GetName()}
			c := fn.agg[k]
			if !seen[k] {
				seen[k] = true
				c.Documents++
			}
			c.Mentions += int64(len(e.GetMentions()))
			fn.agg[k] = c
		}
	}
	if len(fn.agg) >= maxAggregateKeys {
		fn.flushAggregate(emit)
	}
}

func (fn *extractFn) flushAggregate(emit func(string, entityCount)) {
	for k, c := range fn.agg {
		emit(k.Type+"\t"+k.Name, c)
	}
	clear(fn.agg)
}

// aggregateLine is a line of the aggregate output.
type aggregateLine struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	Documents int64  `json:"documents"`
	Mentions  int64  `json:"mentions"`
}

// formatAggregate turns a summed count into its output line.
func formatAggregate(key string, c entityCount) ([]byte, error) {
	typ, name, _ := strings.Cut(key, "\t")
	return json.Marshal(aggregateLine{Name: name, Type: typ, Documents: c.Documents, Mentions: c.Mentions})
}
