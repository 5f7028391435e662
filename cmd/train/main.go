// Command train trains the named-entity tagger from the labelled corpora,
// name lists and word clusters of the shared data directory, and writes a
// model file that the extractor can embed or load.
//
// Usage (from the repository root):
//
//	go run ./cmd/train -out extractor/ner/model/ner.model
//
// It trains on CoNLL-2003, GUM and Universal NER's English Web Treebank
// (-sources; "modern" adds the first two batches of the repository's modern
// news stories), with lower- and upper-cased copies of some documents
// (-lower-every, -upper-every); the dev files only choose the number of
// epochs and the confidence temperature. -commercial leaves out the text whose licence
// forbids commercial use. Training is deterministic for a given -seed.
// Feature groups can be switched off for ablations with -no-gazetteers,
// -no-modern-gazetteers, -no-clusters, -no-document and -no-nonlocal;
// -priors adds the name-prior features, -wikitypes the typed names of
// cmd/wikitypes to the name lists.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/ner/conll"
)

type config struct {
	data, sources, clusters, priors     string
	wikiTypes                           string
	out                                 string
	train, dev, holdout, repeat         string
	complete                            string
	seed                                uint64
	epochs, folds, minCount, clusterMin int
	workers, ensemble                   int
	lowerEvery, upperEvery, titleEvery  int
	sentenceEvery                       int
	noGaz, noModernGaz, noClusters      bool
	noDoc, noNonLocal, augment          bool
	resegment                           bool
	commercial                          bool
	quiet                               bool
}

func main() {
	var c config
	flag.StringVar(&c.data, "data", "../shared/data", "data directory: labelled corpora, gazetteers and gazetteers-modern")
	flag.StringVar(&c.sources, "sources", "conll,gum,uner", "comma-separated corpora to train on: conll (CoNLL-2003), gum (GUM), uner (Universal NER English Web Treebank), all under -data; modern (the modern news stories of extractor/testdata/modern, batches 1 and 2)")
	flag.StringVar(&c.holdout, "holdout", "", "leave a fold of a corpus out of training, for cross-validation: uner:0/5 (fold 0 of 5 of its documents)")
	flag.StringVar(&c.repeat, "repeat", "gum:2,uner:2", "comma-separated NAME:N: show each document of corpus NAME N times per epoch (more weight for smaller corpora)")
	flag.StringVar(&c.complete, "complete", "", "comma-separated corpora to read as fully annotated: their unlabelled tokens are O, not O or MISC (gum: its other names are MISC from its CoNLL-U files)")
	flag.StringVar(&c.train, "train", "", "an extra CoNLL training file (IOB1 or IOB2, all four types annotated)")
	flag.StringVar(&c.dev, "dev", "", "an extra CoNLL development file")
	flag.BoolVar(&c.commercial, "commercial", false, "leave out training text whose licence forbids commercial use (CoNLL-2003's Reuters text, GUM's essay, letter, podcast, fiction and how-to genres)")
	flag.StringVar(&c.clusters, "clusters", "extractor/ner/clusters/paths.txt", "Brown clusters in wcluster \"paths\" format")
	flag.StringVar(&c.priors, "priors", "", "add the name-prior features from this table written by cmd/nameprior (extractor/ner/priors/names.tsv); off in the shipped model")
	flag.StringVar(&c.wikiTypes, "wikitypes", "", "add the typed names of this file written by cmd/wikitypes (extractor/ner/wikitypes/names.tsv) to the name lists")
	flag.StringVar(&c.out, "out", "", "model file to write")
	flag.Uint64Var(&c.seed, "seed", 1, "random seed; equal seeds give equal models")
	flag.IntVar(&c.epochs, "epochs", 10, "most training epochs (the best on the dev sets is kept)")
	flag.IntVar(&c.folds, "folds", 4, "jackknife folds for the second stage")
	flag.IntVar(&c.minCount, "min-count", 1, "drop features seen fewer times in training")
	flag.IntVar(&c.clusterMin, "cluster-min", 3, "skip cluster words seen fewer times")
	flag.IntVar(&c.workers, "workers", min(2, runtime.NumCPU()), "goroutines to use")
	flag.IntVar(&c.ensemble, "ensemble", 1, "perceptrons per stage, each with its own data order, whose weights are averaged")
	flag.IntVar(&c.lowerEvery, "lower-every", 2, "add a lower-cased copy of every n-th training document (0: none)")
	flag.IntVar(&c.upperEvery, "upper-every", 4, "add an upper-cased copy of every n-th training document (0: none)")
	flag.IntVar(&c.sentenceEvery, "sentence-every", 0, "add every n-th training document again, cut into documents of one sentence each (0: none)")
	flag.IntVar(&c.titleEvery, "title-every", 8, "add a title-cased copy (every word capitalized) of every n-th training document (0: none)")
	flag.BoolVar(&c.noGaz, "no-gazetteers", false, "train without gazetteer features")
	flag.BoolVar(&c.noModernGaz, "no-modern-gazetteers", false, "leave out the lists of today's organizations and airports")
	flag.BoolVar(&c.noClusters, "no-clusters", false, "train without word-cluster features")
	flag.BoolVar(&c.noDoc, "no-document", false, "train without document casing features")
	flag.BoolVar(&c.noNonLocal, "no-nonlocal", false, "train without the second (non-local) stage")
	flag.BoolVar(&c.resegment, "resegment", false, "cut Universal NER's documents into sentences as the extractor cuts its scored text (its sentences joined by spaces), instead of keeping the treebank's sentences")
	flag.BoolVar(&c.augment, "augment", false, "give each corpus its own copy of every feature in training (the model keeps the shared ones)")
	flag.BoolVar(&c.quiet, "q", false, "print only the result")
	flag.Parse()
	if c.out == "" {
		fmt.Fprintln(os.Stderr, "usage: train [-data DIR] [-sources conll,gum] [-commercial] -out FILE")
		flag.PrintDefaults()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, c, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func readDocs(path string) ([]conll.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if strings.HasSuffix(path, ".iob2") {
		return conll.ReadUniversalNER(f)
	}
	return conll.Read(f)
}

func run(ctx context.Context, c config, logw io.Writer) error {
	start := time.Now()
	logf := func(format string, args ...any) { fmt.Fprintf(logw, format+"\n", args...) }
	var names []string
	if c.sources != "" {
		names = strings.Split(c.sources, ",")
	}
	holdouts, err := parseHoldouts(c.holdout)
	if err != nil {
		return err
	}
	train, dev, err := loadCorpora(c.data, names, c.commercial, c.resegment, holdouts, logf)
	if err != nil {
		return err
	}
	if err := setRepeats(train, c.repeat); err != nil {
		return err
	}
	if err := setComplete(train, c.complete); err != nil {
		return err
	}
	used := strings.Join(names, ", ")
	if c.train != "" {
		docs, err := readDocs(c.train)
		if err != nil {
			return err
		}
		train = append(train, ner.Corpus{Name: filepath.Base(c.train), Docs: docs})
		used = strings.TrimPrefix(used+", "+filepath.Base(c.train), ", ")
	}
	if c.dev != "" {
		docs, err := readDocs(c.dev)
		if err != nil {
			return err
		}
		dev = append(dev, ner.Corpus{Name: filepath.Base(c.dev), Docs: docs})
	}
	if len(train) == 0 {
		return fmt.Errorf("no training text: name -sources or -train")
	}
	opt := ner.TrainOptions{
		Groups: ner.GroupDocument | ner.GroupNonLocal, Epochs: c.epochs, Seed: c.seed, Folds: c.folds,
		MinCount: c.minCount, ClusterMin: c.clusterMin, Workers: c.workers, Ensemble: c.ensemble,
		Augment: c.augment, LowerEvery: c.lowerEvery, UpperEvery: c.upperEvery, TitleEvery: c.titleEvery, SentenceEvery: c.sentenceEvery,
	}
	if !c.quiet {
		opt.Log = logw
	}
	info := "trained on " + used
	if c.commercial {
		info += " (commercial-use text only)"
	}
	if !c.noGaz {
		modern := ""
		if !c.noModernGaz {
			modern = filepath.Join(c.data, "gazetteers-modern")
		}
		gb, n, err := loadGazetteers(filepath.Join(c.data, "gazetteers"), modern, c.wikiTypes, commonWords(allDocs(train)))
		if err != nil {
			return err
		}
		logf("gazetteers: %d entries", n)
		opt.Gazetteers = gb
		opt.Groups |= ner.GroupGazetteers
		info += "; gazetteers"
	}
	if c.clusters != "" && !c.noClusters {
		f, err := os.Open(c.clusters)
		if err != nil {
			return err
		}
		defer f.Close()
		opt.Clusters = f
		opt.Groups |= ner.GroupClusters
		info += "; Brown clusters " + filepath.Base(c.clusters)
	}
	if c.priors != "" {
		f, err := os.Open(c.priors)
		if err != nil {
			return err
		}
		defer f.Close()
		opt.Priors = f
		opt.Groups |= ner.GroupPriors
		info += "; name priors " + filepath.Base(c.priors)
	}
	if c.noDoc {
		opt.Groups &^= ner.GroupDocument
	}
	if c.noNonLocal {
		opt.Groups &^= ner.GroupNonLocal
	}
	opt.Info = info + "; see MODEL.md"
	m, err := ner.Train(ctx, train, dev, opt)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.out), 0o755); err != nil {
		return err
	}
	f, err := os.Create(c.out)
	if err != nil {
		return err
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	logf("wrote %s: %.2f MiB, %s, in %s", c.out, float64(n)/(1<<20), m.Stats(), time.Since(start).Round(time.Second))
	return nil
}
