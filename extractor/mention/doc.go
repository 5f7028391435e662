// Package mention turns the mentions a tagger finds in a document into
// entities: one entity per real-world person, place or organization, with a
// canonical name, every mention of it, the titles and roles seen next to a
// person, a type, a confidence and a salience.
//
// Basic usage:
//
//	toks := tokenize.Tokenize(text)
//	sents := segment.Sentences(text, toks)
//	tags, err := model.Tag(ctx, text, toks, sents)
//	...
//	ents := mention.Group(text, toks, sents, tags)
//	mention.Rank(text, ents, sents, speakers) // speakers: indices into ents of quote speakers
//
// [Group] works on the whole document at once:
//
//   - mentions whose names are the same up to case, periods, accents,
//     hyphens, a leading "the" and a possessive ("TASS"/"Tass", "U.S."/"US",
//     "the Kremlin"/"Kremlin") are one entity, unless the tagger is sure
//     they are of different types (a city and its sports team);
//   - a part of a person's name ("Putin", "Vladimir") joins the one full name
//     in the document it is part of ("Vladimir Putin"); when two full names
//     contain it ("John Smith", "Jane Smith") it stays an entity of its own;
//     the first words of an organization's name ("Carnegie") join the one
//     organization they begin, and so do its last word ("Commission"), its
//     first word cut short ("Fed") and a place's words after "of" ("Congo");
//   - an acronym joins its expansion when the text defines it ("Federal
//     Security Service (FSB)") or when it is the initials of exactly one
//     longer name in the document ("EU" and "European Union");
//   - titles and honorifics before a person's name ("President", "Mr.",
//     "political analyst", and titles of several words from the list
//     role-phrases: "Chief Financial Officer", "Secretary of State") and
//     roles in an apposition ("X, a political analyst at ...") become the
//     entity's Roles and are not part of the mention or the name;
//   - each entity takes one type, the tagger's confidence-weighted majority,
//     unless the words around a name settle it: organization cues ("research
//     firm X", "X founder", "analysts at X", "X, a unit of Y", company
//     endings, and for camel-case names and names on the model's lists of
//     organizations that the tagger misses, "OpenAI said", "Apple said")
//     and datelines ("LONDON (Reuters) -"); an institution's name the
//     tagger cut at "of" or a number is made whole as an organization's
//     ("[Army] of the [Rhine]", "101st [Airborne Division]", heads from the
//     list institution-heads); a name and a colon opening two paragraphs
//     or more label a transcript's turns and are a person's ("MARTINEZ:
//     ..."); entities whose type is MISC
//     (nationalities, events, ...) are used for this and then dropped;
//   - the canonical name is the fullest form of the name in the text
//     ("Vladimir Putin", "European Union"); a name written only in capitals
//     takes the case the text gives its words elsewhere, and a dateline's
//     place is title-cased ("FRANKFURT (Reuters) -" names "Frankfurt");
//   - names the tagger found once but missed elsewhere are added where they
//     occur again, with conservative checks (see [Group]).
//
// [Rank] then sets each entity's salience from the number and position of its
// mentions, the verbs of speech it is the subject of and the quotes
// attributed to it.
//
// All positions are byte offsets into the text, half-open.
package mention
