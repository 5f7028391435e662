package extractor

import (
	"context"
	"time"
)

// A StageTimer receives how long each stage of one Extract call took:
// "tokenize" (tokens and sentences), "dictionary" (when one is loaded), "ner", "mention" (grouping), "quote",
// "rank" (salience and building the result) and "money". Stages that did not
// run are not reported.
type StageTimer func(stage string, d time.Duration)

type stageTimerKey struct{}

// WithStageTimer returns a context that makes [Extractor.ExtractFeatures]
// report its stage times to t. It costs one clock read per stage.
func WithStageTimer(ctx context.Context, t StageTimer) context.Context {
	return context.WithValue(ctx, stageTimerKey{}, t)
}

// laps reports the time since the previous lap to the context's timer, if
// any.
type laps struct {
	t    StageTimer
	last time.Time
}

func newLaps(ctx context.Context) *laps {
	t, _ := ctx.Value(stageTimerKey{}).(StageTimer)
	if t == nil {
		return nil
	}
	return &laps{t: t, last: time.Now()}
}

func (l *laps) lap(stage string) {
	if l == nil {
		return
	}
	now := time.Now()
	l.t(stage, now.Sub(l.last))
	l.last = now
}
