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
// named sieves (the sieves variable); the first that decides makes the words
// a mention. docs/ENTITIES.md describes each with examples:
//
//  1. appositive: "the health minister" in "Pate, the health minister,",
//     "the health minister, Muhammad Ali Pate,", "Thomas Sam, a homeopath,",
//     "the union" in "the union, Unite,";
//  2. predicate: "a small fishing town" in "Coron is a small fishing town";
//  3. relation: "wife" in "his wife Manju Sam";
//  4. role: "the health minister" elsewhere, a role the text gave one person;
//  5. organization-description: "the company";
//  6. place-description: "the city", "this country", "the island";
//  7. own-country: "our country", "my nation" outside quotations;
//  8. person-description: "the 45-year-old", "the Dutchman";
//  9. demonstrative: "That" of "That's Rezwan.";
//  10. first-person: I, me, my outside quotations, for the person who speaks
//     the paragraph when the text says who (a turn label, a
//     self-introduction, a byline, a signature, an interview's guest);
//  11. second-person: you, your outside quotations, for the person addressed;
//  12. personal-pronoun: he, his, she, her... for the person of a compatible
//     gender that scores best on recency and subject position;
//  13. neuter-pronoun: its, itself, and "it said", for an organization or place;
//  14. organization-plural: their, for the organization or place that is the
//     subject of its sentence, and they after an organization's verb of
//     speech ("Acme said they would appeal").
//
// First- and second-person mentions are no antecedents of later pronouns.
// Precision comes first: a mention with two plausible antecedents is left
// alone. A third-person pronoun inside a quotation is left to the quotation
// stage, and [Quoted] links "I", "me", "my" inside a quotation to its speaker.
// The word lists are the lexicon's.
package coref
