// Command train trains the named-entity tagger from CoNLL-format files and
// writes a model file that the extractor can embed or load.
//
// Usage:
//
//	go run ./cmd/train -train ../shared/data/conll2003/train.txt \
//		-dev ../shared/data/conll2003/dev.txt \
//		-gazetteers ../shared/data/gazetteers \
//		-clusters extractor/ner/clusters/paths.txt \
//		-out extractor/ner/model/ner.model
//
// The training file is used for learning, the dev file only to choose the
// number of epochs and the confidence temperature. Training is deterministic
// for a given -seed. Feature groups can be switched off for ablations with
// -no-gazetteers, -no-clusters, -no-document and -no-nonlocal.
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
	"time"

	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/ner/conll"
)

type config struct {
	train, dev, gazetteers, clusters, out string
	seed                                  uint64
	epochs, folds, minCount, clusterMin   int
	workers, ensemble                     int
	noGaz, noClusters, noDoc, noNonLocal  bool
	quiet                                 bool
}

func main() {
	var c config
	flag.StringVar(&c.train, "train", "", "CoNLL training file (IOB1 or IOB2)")
	flag.StringVar(&c.dev, "dev", "", "CoNLL development file, to choose epochs and calibrate confidences")
	flag.StringVar(&c.gazetteers, "gazetteers", "", "directory of name lists (the layout of ../shared/data/gazetteers)")
	flag.StringVar(&c.clusters, "clusters", "", "Brown clusters in wcluster \"paths\" format")
	flag.StringVar(&c.out, "out", "", "model file to write")
	flag.Uint64Var(&c.seed, "seed", 1, "random seed; equal seeds give equal models")
	flag.IntVar(&c.epochs, "epochs", 12, "most training epochs (the best on -dev is kept)")
	flag.IntVar(&c.folds, "folds", 4, "jackknife folds for the second stage")
	flag.IntVar(&c.minCount, "min-count", 1, "drop features seen fewer times in training")
	flag.IntVar(&c.clusterMin, "cluster-min", 3, "skip cluster words seen fewer times")
	flag.IntVar(&c.workers, "workers", min(2, runtime.NumCPU()), "goroutines to use")
	flag.IntVar(&c.ensemble, "ensemble", 1, "perceptrons per stage, each with its own data order, whose weights are averaged")
	flag.BoolVar(&c.noGaz, "no-gazetteers", false, "train without gazetteer features")
	flag.BoolVar(&c.noClusters, "no-clusters", false, "train without word-cluster features")
	flag.BoolVar(&c.noDoc, "no-document", false, "train without document casing features")
	flag.BoolVar(&c.noNonLocal, "no-nonlocal", false, "train without the second (non-local) stage")
	flag.BoolVar(&c.quiet, "q", false, "print only the result")
	flag.Parse()
	if c.train == "" || c.out == "" {
		fmt.Fprintln(os.Stderr, "usage: train -train FILE [-dev FILE] [-gazetteers DIR] [-clusters FILE] -out FILE")
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
	return conll.Read(f)
}

func run(ctx context.Context, c config, logw io.Writer) error {
	start := time.Now()
	train, err := readDocs(c.train)
	if err != nil {
		return err
	}
	var dev []conll.Document
	if c.dev != "" {
		if dev, err = readDocs(c.dev); err != nil {
			return err
		}
	}
	opt := ner.TrainOptions{
		Groups: ner.GroupDocument | ner.GroupNonLocal, Epochs: c.epochs, Seed: c.seed, Folds: c.folds,
		MinCount: c.minCount, ClusterMin: c.clusterMin, Workers: c.workers, Ensemble: c.ensemble,
	}
	if !c.quiet {
		opt.Log = logw
	}
	info := fmt.Sprintf("trained on %s", filepath.Base(c.train))
	if c.gazetteers != "" && !c.noGaz {
		gb, n, err := loadGazetteers(c.gazetteers, commonWords(train))
		if err != nil {
			return err
		}
		fmt.Fprintf(logw, "gazetteers: %d entries\n", n)
		opt.Gazetteers = gb
		opt.Groups |= ner.GroupGazetteers
		info += "; gazetteers from " + filepath.Base(c.gazetteers)
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
	fmt.Fprintf(logw, "wrote %s: %.2f MiB, %s, in %s\n", c.out, float64(n)/(1<<20), m.Stats(), time.Since(start).Round(time.Second))
	return nil
}
