// Package quote finds direct quotations in text and attributes each to its
// speaker, linked to a person or organization entity when there is one.
//
// Basic usage:
//
//	toks := tokenize.Tokenize(text)
//	sents := segment.Sentences(text, toks)
//	ents := mention.Group(text, toks, sents, tags) // tags from the NER model
//	for _, q := range quote.Find(text, toks, sents, ents) {
//		fmt.Println(text[q.Start:q.End])
//		if q.Entity >= 0 {
//			fmt.Println("  said by", ents[q.Entity].Name, "via", text[q.SpeakerStart:q.SpeakerEnd])
//		}
//	}
//
// Find works in two steps.
//
// Detection pairs quotation marks paragraph by paragraph: straight "…",
// curly “…” and ‘…’, «…» and »…«, „…“ and „…”, the double apostrophe
// (two ' characters on each side) and the PTB style (two ` characters to
// open, two ' to close). Apostrophes (Lukashenka’s, ’90s, rock ’n’ roll,
// the workers’ union) are told from single quotation marks by the letters
// around them. Marks nest; only the outermost quotation is returned. A
// quotation that runs over several paragraphs (each reopening with a mark,
// only the last closing) is returned as one [Quote] per paragraph, all with
// the same speaker, every one but the last with Continued set. A quotation
// still open at the end of a paragraph that the next paragraph does not
// reopen is returned up to the paragraph end when its opening mark is
// unambiguous, and dropped otherwise: an unmatched mark never swallows the
// rest of the document. Quotations of fewer than [MinWords] words are
// returned only when a speech verb attributes them directly ("“No,” she
// said.") or they are a whole sentence going on from the speaker's
// quotation just before, so scare quotes and titles are left out. Offsets are byte
// offsets of the quoted words, without the marks and the space inside them.
//
// Attribution reads the tokens around each quotation: `“…,” X said`, `“…,”
// said X`, `X said: “…”`, `X said that “…”`, `“…” X told Reuters`,
// `according to X, “…”`, `X, who …, said`, and a speech verb earlier in the
// quotation's sentence for partial quotations (`X said the plan was “…”`),
// with a large family of speech verbs in every tense. From the subject it
// takes the name ("political analyst Artyom Shraibman" → "Artyom
// Shraibman", titles dropped), the organization ("the Kremlin"), or the
// description ("a port official"). Names are linked to the entity with a
// mention there, or else to the entity with that name or surname. "he" and
// "she" resolve to the subject of the nearest earlier speech verb that names
// or describes a person, or else to the previous speaker or the first person
// named in the nearest sentence that names one; "it" and "the company" to an
// organization. A quotation with no cue of its own continues the previous
// speaker's when it follows that speaker's quotation directly, or belongs to
// the subject of the speech verb in the sentence just before it. When none
// of this applies the speaker is left empty: no speaker is better than a
// wrong one.
//
// Find takes time linear in the length of the text: marks are paired with a
// stack whose entries are pushed and popped once, and every search around a
// quotation is bounded.
package quote
