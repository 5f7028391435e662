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
//  1. appositive: "the health minister" in "Pate, the health minister," or
//     "the health minister, Muhammad Ali Pate,";
//  2. role: "the health minister" elsewhere, a role the text gave one person
//     (in an appositive, or "Health Minister Pate");
//  3. organization-description: "the company" for the organization whose name
//     has that word, or the one named just before;
//  4. place-description: "the city" ("this city"), "the country", "the
//     island" for the one city, country or place named just before;
//  5. person-description: "the 45-year-old", "the Dutchman" when one person
//     was named in the sentences just before;
//  6. first-person: I, me, my outside quotations, for the person who speaks
//     the paragraph when the text says who: a turn label ("Mara: ..."), a
//     self-introduction ("my name is Amy Sells"), a name that closes the
//     paragraph before ("How was your trip, Michael?"), the person who last
//     took the floor so (for a long paragraph that is no question), or for the whole
//     text a byline (not in a story with dialogue), a letter's signature,
//     the person an interview is with (answers, not questions);
//  7. second-person: you, your outside quotations, for the person the
//     paragraph addresses by name, the questions of an interview address,
//     a question after a long turn addresses (the one who spoke it), or a
//     letter's salutation names ("Dear Margaret:"); not "you guys";
//  8. personal-pronoun: he, his, she, her... for the person of a compatible
//     gender that scores best on recency and subject position;
//  9. neuter-pronoun: its, itself, and "it said", for an organization or place;
//  10. organization-plural: their, for the organization or place that is the
//     subject of its sentence ("Derbyshire kept up the hunt for their first
//     title"), and they after an organization's verb of speech ("Acme said
//     they would appeal").
//
// First- and second-person mentions are no antecedents of later pronouns.
// Precision comes first: a mention with two plausible antecedents is left
// alone. A third-person pronoun inside a quotation is left to the quotation
// stage, and [Quoted] links "I", "me", "my" inside a quotation to its speaker.
// The word lists are the lexicon's.
package coref
