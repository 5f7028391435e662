package ner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/entityextraction/extractd/extractor/ner/conll"
)

// A Corpus is one source of labelled documents. A partial corpus annotates
// some names only (PER, LOC and ORG, perhaps some MISC): its O tokens may be
// MISC, and training takes the best MISC labelling the weights allow.
// Corpora follow different guidelines; with TrainOptions.Augment each gets
// its own copy of every feature during training (feature augmentation,
// Daumé 2007) and the model keeps only the shared copy.
type Corpus struct {
	Name    string
	Docs    []conll.Document
	Partial bool
	Repeat  int // times each document is seen per epoch (0 or 1: once)
}

// TrainOptions configures [Train].
type TrainOptions struct {
	Groups        int               // feature groups on top of the local features
	Gazetteers    *GazetteerBuilder // name lists, used with GroupGazetteers
	Clusters      io.Reader         // Brown paths, used with GroupClusters
	ClusterMin    int               // skip cluster words seen fewer times
	Priors        io.Reader         // name priors written by cmd/nameprior, used with GroupPriors
	Epochs        int               // most passes over the training data; the best on dev is kept
	Seed          uint64            // shuffling seed: equal seeds give equal models
	Folds         int               // jackknife folds that label the training data for the second stage
	MinCount      int               // drop features seen fewer times in training
	Workers       int               // goroutines for feature extraction, folds and ensemble members
	Ensemble      int               // perceptrons, each seeing the data in its own order, whose weights are averaged (default 1)
	Log           io.Writer         // progress, or nil
	Info          string            // free text stored in the model (data sources)
	Augment       bool              // give each corpus its own copy of every feature in training (Daumé 2007)
	LowerEvery    int               // add a lower-cased copy of every n-th training document (0: none)
	UpperEvery    int               // add an upper-cased copy of every n-th training document (0: none)
	TitleEvery    int               // add a title-cased copy (see [TitleCase]) of every n-th training document (0: none)
	SentenceEvery int               // add every n-th training document again as documents of one sentence each (0: none)
}

// prepared is a document ready for training: its words, sentences, gold
// labels and feature ids.
type prepared struct {
	source  int  // index of the corpus, from 1; 0 for none
	group   int  // documents of one group (a document and its case copies) share a jackknife fold
	partial bool // O tokens may be MISC
	words   []string
	sents   [][2]int
	gold    []int
	keys    []uint32 // stage-1 feature keys
	offs    []int32
	ids     []int32 // stage-1 feature ids, token i's at ids[idOffs[i]:idOffs[i+1]]
	idOff   []int32
	info    []tokInfo
	docCase uint8
}

// prepare turns corpora into training documents, with the case copies opt
// asks for (dev corpora get none). With augment, documents remember their
// corpus so that their features get a per-corpus copy.
func prepare(corpora []Corpus, opt TrainOptions, augment, copies bool) []*prepared {
	var out []*prepared
	group := 0
	for c, corpus := range corpora {
		for d, doc := range corpus.Docs {
			mkSents := func(sents []conll.Sentence, words func(string) string) *prepared {
				p := &prepared{group: group, partial: corpus.Partial}
				if augment {
					p.source = c + 1
				}
				for _, s := range sents {
					lo := len(p.words)
					for _, t := range s.Tokens {
						p.words = append(p.words, words(t))
					}
					p.sents = append(p.sents, [2]int{lo, len(p.words)})
					p.gold = append(p.gold, bilouFromIOB2(s.Tags, nil)...)
				}
				return p
			}
			mk := func(words func(string) string) *prepared { return mkSents(doc.Sentences, words) }
			asIs := func(t string) string { return t }
			for range max(1, corpus.Repeat) {
				out = append(out, mk(asIs))
				if copies && opt.LowerEvery > 0 && d%opt.LowerEvery == 0 {
					out = append(out, mk(strings.ToLower))
				}
				if copies && opt.UpperEvery > 0 && d%opt.UpperEvery == opt.UpperEvery/2 {
					out = append(out, mk(strings.ToUpper))
				}
				if copies && opt.TitleEvery > 0 && d%opt.TitleEvery == opt.TitleEvery-1 {
					out = append(out, mk(TitleCase))
				}
				// Each kind of copy starts at its own offset, so that few
				// documents get several.
				if copies && opt.SentenceEvery > 0 && d%opt.SentenceEvery == opt.SentenceEvery/3 && len(doc.Sentences) > 1 {
					for i := range doc.Sentences {
						out = append(out, mkSents(doc.Sentences[i:i+1], asIs))
					}
				}
				if !copies {
					break // dev documents count once
				}
			}
			group++
		}
	}
	return out
}

// TitleCase capitalizes the first letter of every word of s (a letter after
// anything but a letter, a digit or an apostrophe) and leaves the others as
// they are: "the Bank of america's" becomes "The Bank Of America's". Rune
// by rune, so code-point offsets into s stay valid.
func TitleCase(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prev := ' '
	for _, c := range s {
		if unicode.IsLetter(c) && !unicode.IsLetter(prev) && !unicode.IsDigit(prev) && prev != '\'' && prev != '’' {
			c = unicode.ToTitle(c)
		}
		b.WriteRune(c)
		prev = c
	}
	return b.String()
}

// sourceKey is the per-corpus copy of feature key k.
func sourceKey(k uint32, source int) uint32 {
	return key(tSource, uint64(k)<<8|uint64(source))
}

// augmentKeys returns keys/offs with each token's keys followed by their
// copies for source, and records the copies in copies.
func augmentKeys(keys []uint32, offs []int32, source int, copies map[uint32]bool, mu *sync.Mutex) ([]uint32, []int32) {
	out := make([]uint32, 0, 2*len(keys))
	outOffs := make([]int32, 1, len(offs))
	var mine []uint32
	for i := 0; i+1 < len(offs); i++ {
		tok := keys[offs[i]:offs[i+1]]
		out = append(out, tok...)
		for _, k := range tok {
			sk := sourceKey(k, source)
			out = append(out, sk)
			mine = append(mine, sk)
		}
		outOffs = append(outOffs, int32(len(out)))
	}
	mu.Lock()
	for _, k := range mine {
		copies[k] = true
	}
	mu.Unlock()
	return out, outOffs
}

// extract computes the stage-1 feature keys of every document, in parallel,
// with their per-corpus copies, which it records in copies.
func (fs *featureSet) extract(docs []*prepared, workers int, copies map[uint32]bool) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s docScratch
			for d := range next {
				p := docs[d]
				fs.analyze(&s, p.words, p.sents)
				fs.localKeys(&s, p.sents, false)
				p.keys = slices.Clone(s.keys)
				p.offs = slices.Clone(s.offs)
				p.info = slices.Clone(s.info)
				p.docCase = s.docCase
				if p.source > 0 {
					p.keys, p.offs = augmentKeys(p.keys, p.offs, p.source, copies, &mu)
				}
			}
		}()
	}
	for d := range docs {
		next <- d
	}
	close(next)
	wg.Wait()
}

// dict numbers feature keys.
type dict struct {
	ids  map[uint32]int32
	keys []uint32
}

func (dc *dict) id(k uint32, add bool) int32 {
	if id, ok := dc.ids[k]; ok {
		return id
	}
	if !add {
		return -1
	}
	id := int32(len(dc.keys))
	dc.ids[k] = id
	dc.keys = append(dc.keys, k)
	return id
}

// buildDict numbers the keys seen at least minCount times, in key order so
// that the numbering does not depend on map iteration.
func buildDict(docs []*prepared, minCount int) *dict {
	counts := map[uint32]int32{}
	for _, p := range docs {
		for _, k := range p.keys {
			counts[k]++
		}
	}
	var keys []uint32
	for k, c := range counts {
		if int(c) >= minCount {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	dc := &dict{ids: make(map[uint32]int32, len(keys)), keys: keys}
	for i, k := range keys {
		dc.ids[k] = int32(i)
	}
	return dc
}

func (p *prepared) mapIDs(dc *dict) {
	p.ids = p.ids[:0]
	p.idOff = append(p.idOff[:0], 0)
	for i := 0; i+1 < len(p.offs); i++ {
		for _, k := range p.keys[p.offs[i]:p.offs[i+1]] {
			if id := dc.id(k, false); id >= 0 {
				p.ids = append(p.ids, id)
			}
		}
		p.idOff = append(p.idOff, int32(len(p.ids)))
	}
}

// perceptron is an averaged structured perceptron over BILOU labels.
type perceptron struct {
	nfeat    int
	w, u     []float32 // weights and their time-weighted sums, nfeat*numLabels
	tw, tu   [numLabels * numLabels]float32
	c        float32
	avgW     []float32
	avgT     [numLabels * numLabels]float32
	emission []float32
	score    []float32
	vt       viterbiTrans // decoding's transitions, remade at each decode
	pred     []int
	target   []int
}

func newPerceptron(nfeat int) *perceptron {
	return &perceptron{nfeat: nfeat, w: make([]float32, nfeat*numLabels), u: make([]float32, nfeat*numLabels), c: 1}
}

// decode labels tokens lo..hi of p with weights w and transitions t, using
// the feature ids ids/off (indexed by token).
func (pc *perceptron) decode(w []float32, t *[numLabels * numLabels]float32, ids []int32, off []int32, lo, hi int, out []int) {
	pc.decodeConstrained(w, t, ids, off, lo, hi, nil, out)
}

// decodeConstrained is decode that, when gold is not nil, allows only the
// labellings a partial annotation admits: a token labelled PER, LOC or ORG
// keeps its label, and an O token may be O or part of a MISC name.
func (pc *perceptron) decodeConstrained(w []float32, t *[numLabels * numLabels]float32, ids []int32, off []int32, lo, hi int, gold []int, out []int) {
	n := hi - lo
	pc.emission = grow(pc.emission, n*numLabels)
	pc.score = grow(pc.score, n*numLabels)
	for i := lo; i < hi; i++ {
		e := pc.emission[(i-lo)*numLabels : (i-lo+1)*numLabels]
		clear(e)
		for _, f := range ids[off[i]:off[i+1]] {
			ws := w[int(f)*numLabels : int(f+1)*numLabels]
			for y := range e {
				e[y] += ws[y]
			}
		}
		if gold != nil {
			g := gold[i]
			for y := range e {
				if y != g && (g != 0 || labelType(y) != MISC) {
					e[y] = -1e30
				}
			}
		}
	}
	var masked [numLabels * numLabels]float32
	for i := range masked {
		masked[i] = t[i] + transMask[i]
	}
	pc.vt.set(&masked)
	viterbi(pc.emission, &pc.vt, n, pc.score, out)
}

// learn makes one perceptron step on tokens lo..hi. With partial gold, the
// target is the best labelling the partial annotation admits.
func (pc *perceptron) learn(ids, off []int32, gold []int, lo, hi int, partial bool) {
	n := hi - lo
	pc.pred = grow(pc.pred, n)
	pc.decode(pc.w, &pc.tw, ids, off, lo, hi, pc.pred)
	target := gold[lo:hi]
	if partial {
		pc.target = grow(pc.target, n)
		pc.decodeConstrained(pc.w, &pc.tw, ids, off, lo, hi, gold, pc.target)
		target = pc.target
	}
	c := pc.c
	for i := 0; i < n; i++ {
		g, p := target[i], pc.pred[i]
		if g != p {
			for _, f := range ids[off[lo+i]:off[lo+i+1]] {
				b := int(f) * numLabels
				pc.w[b+g]++
				pc.u[b+g] += c
				pc.w[b+p]--
				pc.u[b+p] -= c
			}
		}
		if i > 0 {
			gp, pp := target[i-1], pc.pred[i-1]
			if gp != pp || g != p {
				pc.tw[gp*numLabels+g]++
				pc.tu[gp*numLabels+g] += c
				pc.tw[pp*numLabels+p]--
				pc.tu[pp*numLabels+p] -= c
			}
		}
	}
	pc.c++
}

func (pc *perceptron) average() {
	pc.avgW = grow(pc.avgW, len(pc.w))
	for i, w := range pc.w {
		pc.avgW[i] = w - pc.u[i]/pc.c
	}
	for i, w := range pc.tw {
		pc.avgT[i] = w - pc.tu[i]/pc.c
	}
}

// instance is a sentence of a prepared document, with the feature ids to use.
type instance struct {
	ids, off []int32
	gold     []int
	lo, hi   int
	partial  bool
}

// run trains for epochs passes in a seeded random order. After each epoch
// it calls evalFn, if not nil, with the averaged weights; it keeps the
// averaged weights of the best-scoring epoch and returns that epoch.
func (pc *perceptron) run(ctx context.Context, insts []instance, epochs int, seed uint64, evalFn func(w []float32, t *[numLabels * numLabels]float32) float64, log func(string, ...any)) (int, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	bestScore, bestEpoch := math.Inf(-1), 0
	var bestW []float32
	var bestT [numLabels * numLabels]float32
	for ep := 1; ep <= epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			in := insts[k]
			pc.learn(in.ids, in.off, in.gold, in.lo, in.hi, in.partial)
		}
		pc.average()
		if evalFn == nil {
			continue
		}
		score := evalFn(pc.avgW, &pc.avgT)
		log("  epoch %d: dev F1 %.2f", ep, 100*score)
		if score > bestScore {
			bestScore, bestEpoch = score, ep
			bestW = append(bestW[:0], pc.avgW...)
			bestT = pc.avgT
		}
	}
	if evalFn != nil {
		pc.avgW, pc.avgT = bestW, bestT
		return bestEpoch, nil
	}
	return epochs, nil
}

// f1 scores predicted against gold BILOU labels over PER, LOC and ORG.
type f1 struct{ correct, pred, gold int }

func (s *f1) add(gold, pred []int) {
	g := spansOf(gold, 0, nil)
	p := spansOf(pred, 0, nil)
	set := map[[3]int]bool{}
	for _, m := range g {
		if m.Label != MISC {
			set[[3]int{m.First, m.Last, int(m.Label)}] = true
			s.gold++
		}
	}
	for _, m := range p {
		if m.Label != MISC {
			s.pred++
			if set[[3]int{m.First, m.Last, int(m.Label)}] {
				s.correct++
			}
		}
	}
}

func (s f1) value() float64 {
	if s.pred == 0 || s.gold == 0 || s.correct == 0 {
		return 0
	}
	p, r := float64(s.correct)/float64(s.pred), float64(s.correct)/float64(s.gold)
	return 2 * p * r / (p + r)
}

func sentenceInstances(docs []*prepared, ids func(p *prepared) ([]int32, []int32)) []instance {
	var insts []instance
	for _, p := range docs {
		a, b := ids(p)
		for _, sr := range p.sents {
			insts = append(insts, instance{ids: a, off: b, gold: p.gold, lo: sr[0], hi: sr[1], partial: p.partial})
		}
	}
	return insts
}

// evaluate labels every sentence of docs and scores them.
func evaluate(pc *perceptron, w []float32, t *[numLabels * numLabels]float32, insts []instance) (float64, [][]int) {
	var sc f1
	preds := make([][]int, len(insts))
	for i, in := range insts {
		out := make([]int, in.hi-in.lo)
		pc.decode(w, t, in.ids, in.off, in.lo, in.hi, out)
		sc.add(in.gold[in.lo:in.hi], out)
		preds[i] = out
	}
	return sc.value(), preds
}

// Train trains a model on the train corpora, choosing the number of epochs
// (and the confidence temperature) on the dev corpora: the epoch with the
// best mean of their PER/LOC/ORG F1 is kept. Training is deterministic for a
// given Seed, whatever the number of Workers.
func Train(ctx context.Context, train, dev []Corpus, opt TrainOptions) (*Model, error) {
	if len(train) == 0 {
		return nil, errors.New("ner: no training documents")
	}
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.Folds < 2 {
		opt.Folds = 5
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 1
	}
	log := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	fs := featureSet{groups: opt.Groups}
	if opt.Groups&GroupGazetteers != 0 {
		if opt.Gazetteers == nil {
			return nil, errors.New("ner: GroupGazetteers needs Gazetteers")
		}
		fs.gaz = opt.Gazetteers.build()
	}
	if opt.Groups&GroupClusters != 0 {
		if opt.Clusters == nil {
			return nil, errors.New("ner: GroupClusters needs Clusters")
		}
		cm, n, err := readClusters(opt.Clusters, opt.ClusterMin)
		if err != nil {
			return nil, err
		}
		log("clusters: %d words", n)
		fs.clusters = cm
	}
	if opt.Groups&GroupPriors != 0 {
		if opt.Priors == nil {
			return nil, errors.New("ner: GroupPriors needs Priors")
		}
		pt, n, err := readPriors(opt.Priors)
		if err != nil {
			return nil, err
		}
		log("name priors: %d names", n)
		fs.priors = pt
	}
	augment := opt.Augment && len(train) > 1
	tr := prepare(train, opt, augment, true)
	var dv []*prepared
	var dvCorpus []int // corpus index of each dev document
	for c := range dev {
		docs := prepare(dev[c:c+1], opt, false, false)
		dv = append(dv, docs...)
		for range docs {
			dvCorpus = append(dvCorpus, c)
		}
	}
	copies := map[uint32]bool{}
	fs.extract(tr, opt.Workers, copies)
	fs.extract(dv, opt.Workers, copies)
	log("training: %d documents (with case copies), %d sentences", len(tr), countSentences(tr))
	dc := buildDict(tr, opt.MinCount)
	for _, p := range tr {
		p.mapIDs(dc)
	}
	for _, p := range dv {
		p.mapIDs(dc)
	}
	if augment {
		log("stage 1: %d features (%d of them per-corpus copies)", len(dc.keys), countCopies(dc, copies))
	} else {
		log("stage 1: %d features", len(dc.keys))
	}
	local := func(p *prepared) ([]int32, []int32) { return p.ids, p.idOff }
	trInst := sentenceInstances(tr, local)
	dvSets := devSets(dv, dvCorpus, len(dev), local)
	pc1, epochs1, err := trainEnsemble(ctx, len(dc.keys), trInst, dvSets, opt, opt.Seed, "stage 1", log)
	if err != nil {
		return nil, err
	}

	m := &Model{fs: fs}
	var pc2 *perceptron
	if opt.Groups&GroupNonLocal != 0 {
		// Label the training data with models that did not see it.
		trLabels, err := jackknife(ctx, tr, opt.Folds, epochs1, opt.Seed, opt.Workers, len(dc.keys))
		if err != nil {
			return nil, err
		}
		dvLabels := make([][]int, len(dv))
		for d, p := range dv {
			dvLabels[d] = make([]int, len(p.words))
			for _, sr := range p.sents {
				pc1.decode(pc1.avgW, &pc1.avgT, p.ids, p.idOff, sr[0], sr[1], dvLabels[d][sr[0]:sr[1]])
			}
		}
		addNonLocal(tr, trLabels, dc, true, copies)
		addNonLocal(dv, dvLabels, dc, false, copies)
		log("stage 2: %d features", len(dc.keys))
		trInst = sentenceInstances(tr, local)
		dvSets = devSets(dv, dvCorpus, len(dev), local)
		pc2, _, err = trainEnsemble(ctx, len(dc.keys), trInst, dvSets, opt, opt.Seed+1, "stage 2", log)
		if err != nil {
			return nil, err
		}
		m.twoStage = true
	}
	freq := make([]int32, len(dc.keys))
	for _, p := range tr {
		for _, id := range p.ids {
			freq[id]++
		}
	}
	m.pack(dc, pc1, pc2, freq, copies)
	m.setTemp(1)
	var devDocs []conll.Document
	for _, c := range dev {
		devDocs = append(devDocs, c.Docs...)
	}
	if len(devDocs) > 0 {
		m.setTemp(m.calibrate(devDocs))
		log("confidence temperature %.3g", m.temp)
	}
	m.info = opt.Info
	return m, nil
}

func countSentences(docs []*prepared) int {
	n := 0
	for _, p := range docs {
		n += len(p.sents)
	}
	return n
}

func countCopies(dc *dict, copies map[uint32]bool) int {
	n := 0
	for _, k := range dc.keys {
		if copies[k] {
			n++
		}
	}
	return n
}

// devSets splits the dev documents' sentences by corpus.
func devSets(dv []*prepared, corpus []int, n int, ids func(p *prepared) ([]int32, []int32)) [][]instance {
	sets := make([][]instance, n)
	for d, p := range dv {
		sets[corpus[d]] = append(sets[corpus[d]], sentenceInstances([]*prepared{p}, ids)...)
	}
	return sets
}

// meanF1 is the mean over the dev sets of their PER/LOC/ORG F1.
func meanF1(pc *perceptron, w []float32, t *[numLabels * numLabels]float32, sets [][]instance) float64 {
	sum := 0.0
	for _, set := range sets {
		s, _ := evaluate(pc, w, t, set)
		sum += s
	}
	return sum / float64(len(sets))
}

// trainEnsemble trains opt.Ensemble perceptrons that differ only in the
// order they see the data, each stopped at its best epoch on dev, and
// averages their weights. It returns the average and the best epoch of the
// first member.
func trainEnsemble(ctx context.Context, nfeat int, insts []instance, dev [][]instance, opt TrainOptions, seed uint64, stage string, log func(string, ...any)) (*perceptron, int, error) {
	n := max(1, opt.Ensemble)
	members := make([]*perceptron, n)
	epochs := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, opt.Workers))
	for j := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			pc := newPerceptron(nfeat)
			var evalFn func([]float32, *[numLabels * numLabels]float32) float64
			if len(dev) > 0 {
				evalFn = func(w []float32, t *[numLabels * numLabels]float32) float64 {
					return meanF1(pc, w, t, dev)
				}
			}
			memberLog := log
			if j > 0 {
				memberLog = func(string, ...any) {}
			}
			epochs[j], errs[j] = pc.run(ctx, insts, opt.Epochs, seed+uint64(j)*1000003, evalFn, memberLog)
			pc.w, pc.u = nil, nil // only the averaged weights are needed now
			members[j] = pc
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	log("%s: best epoch %d", stage, epochs[0])
	if n == 1 {
		return members[0], epochs[0], nil
	}
	avg := &perceptron{nfeat: nfeat, avgW: make([]float32, nfeat*numLabels)}
	for _, pc := range members {
		for i, w := range pc.avgW {
			avg.avgW[i] += w / float32(n)
		}
		for i, w := range pc.avgT {
			avg.avgT[i] += w / float32(n)
		}
	}
	if len(dev) > 0 {
		s := meanF1(avg, avg.avgW, &avg.avgT, dev)
		log("%s: average of %d perceptrons (best epochs %v): dev F1 %.2f", stage, n, epochs, 100*s)
	}
	return avg, epochs[0], nil
}

// jackknife labels each training document with a stage-1 model trained on
// the other folds.
func jackknife(ctx context.Context, docs []*prepared, folds, epochs int, seed uint64, workers, nfeat int) ([][]int, error) {
	labels := make([][]int, len(docs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, workers))
	errs := make([]error, folds)
	for f := range folds {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			var in []*prepared
			for _, p := range docs {
				if p.group%folds != f {
					in = append(in, p)
				}
			}
			pc := newPerceptron(nfeat)
			insts := sentenceInstances(in, func(p *prepared) ([]int32, []int32) { return p.ids, p.idOff })
			if _, err := pc.run(ctx, insts, epochs, seed+uint64(f)*7919, nil, nil); err != nil {
				errs[f] = err
				return
			}
			for d, p := range docs {
				if p.group%folds != f {
					continue
				}
				labels[d] = make([]int, len(p.words))
				for _, sr := range p.sents {
					pc.decode(pc.avgW, &pc.avgT, p.ids, p.idOff, sr[0], sr[1], labels[d][sr[0]:sr[1]])
				}
			}
		}()
	}
	wg.Wait()
	return labels, errors.Join(errs...)
}

// addNonLocal appends the second-stage feature ids of each token to its
// first-stage ones. New keys enter the dictionary only when add is set.
func addNonLocal(docs []*prepared, labels [][]int, dc *dict, add bool, copies map[uint32]bool) {
	var s docScratch
	var nl []uint32
	for d, p := range docs {
		s.info = p.info
		s.docCase = p.docCase
		s.countNonLocal(labels[d])
		var ids []int32
		off := []int32{0}
		for _, sr := range p.sents {
			for i := sr[0]; i < sr[1]; i++ {
				ids = append(ids, p.ids[p.idOff[i]:p.idOff[i+1]]...)
				nl = s.nonLocalKeys(nl[:0], i, labels[d], sr[0], sr[1])
				if p.source > 0 {
					for _, k := range nl {
						sk := sourceKey(k, p.source)
						copies[sk] = true
						nl = append(nl, sk)
					}
				}
				for _, k := range nl {
					if id := dc.id(k, add); id >= 0 {
						ids = append(ids, id)
					}
				}
				off = append(off, int32(len(ids)))
			}
		}
		p.ids, p.idOff = ids, off
	}
}

// pack quantizes the averaged weights of both stages into the model's
// feature table, dropping features whose weights all round to zero.
//
// The rows are stored from the most to the least frequent feature in
// training, so that the rows most tokens need share cache lines.
// It is for a new model: Tag keeps sums of the weights between calls.
func (m *Model) pack(dc *dict, pc1, pc2 *perceptron, freq []int32, copies map[uint32]bool) {
	order := make([]int, len(dc.keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		fa, fb := int32(0), int32(0)
		if a < len(freq) {
			fa = freq[a]
		}
		if b < len(freq) {
			fb = freq[b]
		}
		return int(fb) - int(fa)
	})
	maxAbs := float32(0)
	for _, pc := range []*perceptron{pc1, pc2} {
		if pc == nil {
			continue
		}
		for i, w := range pc.avgW {
			if !copies[dc.keys[i/numLabels]] {
				maxAbs = max(maxAbs, float32(math.Abs(float64(w))))
			}
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	m.scale = maxAbs / 32767
	q := func(w float32) int16 { return int16(math.Round(float64(w / m.scale))) }
	var rows []int16
	var keys []uint32
	var row [rowWidth]int16
	for _, id := range order {
		k := dc.keys[id]
		if copies[k] {
			continue // per-corpus copies are for training only
		}
		row = [rowWidth]int16{}
		nz := false
		if id < pc1.nfeat {
			for y := 0; y < numLabels; y++ {
				row[y] = q(pc1.avgW[id*numLabels+y])
				nz = nz || row[y] != 0
			}
		}
		if pc2 != nil {
			for y := 0; y < numLabels; y++ {
				row[numLabels+y] = q(pc2.avgW[id*numLabels+y])
				nz = nz || row[numLabels+y] != 0
			}
		}
		if nz {
			keys = append(keys, k)
			rows = append(rows, row[:]...)
		}
	}
	m.fast = newFast(len(keys))
	for i, k := range keys {
		m.fast.put(k, rows[i*rowWidth:(i+1)*rowWidth])
	}
	for i := range m.trans1 {
		m.trans1[i] = pc1.avgT[i] + transMask[i]
		m.trans2[i] = m.trans1[i]
		if pc2 != nil {
			m.trans2[i] = pc2.avgT[i] + transMask[i]
		}
	}
}

// calibrate picks the temperature that makes mention confidences on dev
// best predict whether the mention is correct (least log loss).
func (m *Model) calibrate(dev []conll.Document) float32 {
	type sent struct {
		em      []float32
		labels  []int
		ms      []Mention
		correct []bool
	}
	var recs []sent
	s := &tagScratch{}
	for _, doc := range dev {
		s.words, s.sents = s.words[:0], s.sents[:0]
		for _, se := range doc.Sentences {
			s.sents = append(s.sents, [2]int{len(s.words), len(s.words) + len(se.Tokens)})
			s.words = append(s.words, se.Tokens...)
		}
		ms, err := m.tagWords(context.Background(), s)
		if err != nil {
			return 1
		}
		gold := map[Mention]bool{}
		for _, g := range doc.Entities() {
			gold[Mention{First: g.First, Last: g.Last, Label: ParseLabel(g.Type)}] = true
		}
		em, labels := s.em1, s.labels1
		if m.twoStage {
			em, labels = s.em2, s.labels2
		}
		k := 0
		for _, sr := range s.sents {
			r := sent{em: slices.Clone(em[sr[0]*numLabels : sr[1]*numLabels]), labels: slices.Clone(labels[sr[0]:sr[1]])}
			for k < len(ms) && ms[k].First < sr[1] {
				mm := ms[k]
				r.correct = append(r.correct, gold[Mention{First: mm.First, Last: mm.Last, Label: mm.Label}])
				mm.First -= sr[0]
				mm.Last -= sr[0]
				r.ms = append(r.ms, mm)
				k++
			}
			if len(r.ms) > 0 {
				recs = append(recs, r)
			}
		}
	}
	trans := &m.trans1
	if m.twoStage {
		trans = &m.trans2
	}
	var cs confScratch
	best, bestLoss := float32(1), math.Inf(1)
	for _, t := range []float32{0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64} {
		loss := 0.0
		et := expTrans(trans, t)
		for _, r := range recs {
			spanConfidence(r.em, et, len(r.labels), t, r.labels, r.ms, 0, &cs)
			for i, mm := range r.ms {
				p := min(max(mm.Confidence, 1e-6), 1-1e-6)
				if r.correct[i] {
					loss -= math.Log(p)
				} else {
					loss -= math.Log(1 - p)
				}
			}
		}
		if loss < bestLoss {
			best, bestLoss = t, loss
		}
	}
	return best
}

// Stats describes the size of a model.
func (m *Model) Stats() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d features", m.fast.n)
	if m.fs.gaz != nil {
		fmt.Fprintf(&b, ", %d gazetteer keys", m.fs.gaz.t.n)
	}
	if m.fs.clusters != nil {
		fmt.Fprintf(&b, ", %d cluster words", m.fs.clusters.t.n)
	}
	if m.fs.priors != nil {
		fmt.Fprintf(&b, ", %d name-prior keys", m.fs.priors.t.n)
	}
	return b.String()
}
