// Package coref links descriptions and pronouns to the entities that the
// name grouping found, and joins entities whose names are spelling variants
// of one name ("Lukashenka", "Lukashenko").
//
// It runs after [mention.Group] and before the quotation and salience
// stages:
//
//	d := doc.New(text, toks, sents)
//	ents = coref.Resolve(d, mention.Group(text, toks, sents, tags))
//
// Every token that is not part of a name is offered to an ordered list of
// named sieves; the first that decides makes the words a mention:
//
//  1. role: "the health minister", a role the text gave one person
//     ("Pate, the health minister," or "Health Minister Pate");
//  2. organization-description: "the company" for the organization named last;
//  3. place-description: "the city", "the country", "the island" for the
//     city, country or place named last;
//  4. person-description: "the 45-year-old", "the Dutchman" when one person
//     was named in the sentences just before;
//  5. personal-pronoun: he, his, she, her... for the person of a compatible
//     gender that scores best on recency and subject position;
//  6. neuter-pronoun: its, itself, and "it said", for an organization or place.
//
// Precision comes first: a mention with two plausible antecedents is left
// alone. A third-person pronoun inside a quotation is left to the quotation
// stage, and [Quoted] links "I", "me", "my" inside a quotation to its speaker.
// The word lists are the lexicon's.
package coref
