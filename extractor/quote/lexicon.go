package quote

import "github.com/entityextraction/extractd/extractor/internal/lexicon"

// speechVerbs holds every form of the verbs that attribute a quotation:
// "said", "says", "saying", "told", "adds", "tweeted", ...
var speechVerbs = lexicon.SpeechVerbs()

// looseVerbs attribute a long quotation that sits inside their clause
// ("Turner labelled the tax “a money machine for the minister”") but not a
// short one.
var looseVerbs = lexicon.Set("loose-verbs")

// auxiliaries and adverbs may stand between a subject and its speech verb:
// "Smith has said", "she later told", "he also added".
var auxiliaries = lexicon.Set("auxiliaries")

// modals before a speech verb make it part of a reported clause: "the
// support would continue “…”".
var modals = lexicon.Set("modals")

// pronouns that can attribute a quotation.
var pronouns = lexicon.Set("speaker-pronouns")

// determiners open a noun phrase: "the official", "a spokesman", "one banker".
var determiners = lexicon.Set("speaker-determiners")

// stopWords end a noun phrase: prepositions, conjunctions, relative pronouns
// and the like.
var stopWords = lexicon.Set("speaker-stop-words")

// prepositions may join a post-modifier to a speaker noun phrase: "a
// spokesman for the company", "a dealer at one major U.S. bank".
var prepositions = lexicon.Set("speaker-prepositions")

// titles are dropped from the front of a name: "Treasury Secretary James
// Baker" → "James Baker".
var titles = lexicon.Set("titles")

// nameParticles may sit inside a name in lower case: "van Horick",
// "Ludwig van Beethoven", "Osama bin Laden".
var nameParticles = lexicon.Set("name-particles")

// personNouns head a definite noun phrase that stands for a person named
// earlier: "the Democrat said", "the rookie added".
var personNouns = lexicon.Set("person-nouns")

// orgNouns head a definite noun phrase that stands for an organization named
// earlier: "the company said".
var orgNouns = lexicon.Set("organization-nouns")

// spokesNouns speak for the organization they are attached to: "a Kepco
// spokesman", "a spokeswoman for Exxon".
var spokesNouns = lexicon.Set("spokes-nouns")

// partyInitials open a party-state tag: "Sen. Jane Doe, R-Ky., said".
var partyInitials = lexicon.Set("party-initials")

// weekdays make a time phrase between a speaker and the verb: "Doe on
// Tuesday said", "Doe Tuesday called".
var weekdays = lexicon.Set("weekdays")

// ofNouns take "of" inside a name: "Bank of Japan", "University of Chicago".
var ofNouns = lexicon.Set("of-nouns")

// personDemonyms, after "the", describe a person the text has named:
// "“It's two points dropped,” the Dutchman said".
var personDemonyms = lexicon.Set("person-demonyms")

// notNames are capitalized words that do not name a speaker.
var notNames = lexicon.Set("not-speaker-names")
