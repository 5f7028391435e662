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

// Identity returns the model's name and the hash of its bytes, computed on
// the first call (hashing the model takes longer than loading it, so a
// process that does not ask does not pay).
func (m *Model) Identity() Identity {
	m.idOnce.Do(func() {
		if m.idData != nil {
			m.id.SHA256 = hashModel(m.idData)
			m.idData = nil
		}
	})
	return Identity{Name: m.id.Name, SHA256: m.id.SHA256}
}

func hashModel(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
