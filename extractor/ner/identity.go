package ner

import (
	"crypto/sha256"
	"encoding/hex"
)

// Identity says which model a tagger runs, so that a deployment can report
// it and results can be traced to it.
type Identity struct {
	// Name is "embedded" for the model built into the binary ([Default]),
	// the file name for [LoadFile], and "" for [Load].
	Name string
	// SHA256 is the hex SHA-256 of the model's bytes as read (compressed,
	// if the file was): two models with the same hash are the same model.
	SHA256 string
}

// String is Name and SHA256 as "embedded sha256:…".
func (id Identity) String() string {
	name := id.Name
	if name == "" {
		name = "unnamed"
	}
	return name + " sha256:" + id.SHA256
}

// Identity returns the model's name and the hash of its bytes, computed
// once, when the model was loaded.
func (m *Model) Identity() Identity { return m.id }

func hashModel(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
