// Command wordclusters learns hierarchical word clusters from unlabeled text
// and writes them in the "paths" format of Percy Liang's Brown clustering
// tool, one word per line:
//
//	<bit string>\t<word>\t<count>
//
// The bit string is the word's path from the root of a binary tree of
// clusters, so its prefixes of length 4, 6, 10 or 20 name coarser and coarser
// clusters; the NER tagger uses them as features.
//
// Basic usage, from the module root:
//
//	go run ./cmd/wordclusters -out extractor/ner/clusters/paths.txt
//	go run ./cmd/wordclusters -inspect extractor/ner/clusters/paths.txt -show Paris,Smith,IBM
//
// The command reads the unlabeled corpora under ../shared/data/unlabeled
// (Reuters-21578 bodies, English Wikipedia, and the NLTK State of the Union
// and MASC texts; the Brown corpus only with -brown) and, unless -conll=false,
// the words of the CoNLL-2003 training split. It never reads the development
// or test splits. Text is tokenized with the project's tokenizer and split into
// sentences with its sentence splitter, so that cluster words are spelled as
// the tagger's tokens are; case is kept.
//
// The clustering maximises the average mutual information between the classes
// of adjacent words, the objective of Brown et al. (1992). Exchange clustering
// (Kneser & Ney 1993; Martin, Liermann & Ney 1998) first finds a flat partition
// into -classes classes by moving one word at a time to its best class; Brown's
// greedy agglomerative merging then builds the binary tree over those classes,
// always merging the pair that loses the least mutual information. See
// extractor/ner/clusters/README.md for the cost and the data licences.
// The result is deterministic for a given -seed.
package main
