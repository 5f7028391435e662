package server

import (
	"testing"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/testing/protocmp"

	"github.com/google/go-cmp/cmp"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

func TestCodecKeepsInvalidUTF8(t *testing.T) {
	t.Parallel()
	doc := func(id, text string, enc int) []byte {
		b := protowire.AppendTag(nil, 1, protowire.BytesType)
		b = protowire.AppendString(b, text)
		b = protowire.AppendTag(b, 2, protowire.BytesType)
		b = protowire.AppendString(b, id)
		b = protowire.AppendTag(b, 3, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(enc))
		b = protowire.AppendTag(b, 4, protowire.BytesType) // packed features
		b = protowire.AppendBytes(b, []byte{1, 4})
		b = protowire.AppendTag(b, 99, protowire.VarintType) // an unknown field
		return protowire.AppendVarint(b, 7)
	}
	var batch []byte
	for _, d := range [][]byte{doc("a", "ok", 2), doc("b\xff", "bad \xc3", 9)} {
		batch = protowire.AppendTag(batch, 1, protowire.BytesType)
		batch = protowire.AppendBytes(batch, d)
	}
	got := &extractv1.BatchExtractRequest{}
	if err := Codec().Unmarshal(mem.BufferSlice{mem.SliceBuffer(batch)}, got); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if len(got.GetRequests()) != 2 {
		t.Fatalf("Unmarshal gave %d requests; want 2", len(got.GetRequests()))
	}
	r := got.GetRequests()[1]
	if r.GetText() != "bad \xc3" || r.GetId() != "b\xff" || r.GetEncodingType() != 9 ||
		len(r.GetFeatures()) != 2 || r.GetFeatures()[1] != extractv1.Feature_FEATURE_MONEY || len(r.ProtoReflect().GetUnknown()) == 0 {
		t.Errorf("Unmarshal kept %+v; want every field as sent", r)
	}
	if got.GetRequests()[0].GetText() != "ok" {
		t.Errorf("first request text = %q; want ok", got.GetRequests()[0].GetText())
	}
}

func FuzzCodec(f *testing.F) {
	good, _ := proto.Marshal(&extractv1.BatchExtractRequest{Requests: []*extractv1.ExtractRequest{{Text: "Putin", Id: "1", Features: []extractv1.Feature{1}}}})
	f.Add(good)
	f.Add([]byte{0x0a, 0x05, 0x0a, 0x03, 'a', 0xff, 'b'})
	f.Add([]byte{0x0a, 0x7f})
	f.Fuzz(func(t *testing.T, b []byte) {
		want := &extractv1.BatchExtractRequest{}
		baseErr := proto.Unmarshal(b, want)
		got := &extractv1.BatchExtractRequest{}
		err := Codec().Unmarshal(mem.BufferSlice{mem.SliceBuffer(b)}, got)
		if baseErr == nil {
			if err != nil {
				t.Fatalf("Codec failed on a message proto.Unmarshal takes: %v", err)
			}
			if d := cmp.Diff(want, got, protocmp.Transform()); d != "" {
				t.Fatalf("Codec and proto.Unmarshal differ (-proto +codec):\n%s", d)
			}
		}
	})
}

func TestCodecRefusesBrokenMessages(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		b    []byte
	}{
		{"truncated", []byte{0x0a, 0x7f, 'a'}},
		{"invalid UTF-8 and truncated", []byte{0x0a, 0x05, 0x0a, 0x03, 'a', 0xff, 'b', 0x0a, 0x7f}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := Codec().Unmarshal(mem.BufferSlice{mem.SliceBuffer(tt.b)}, &extractv1.BatchExtractRequest{}); err == nil {
				t.Errorf("Unmarshal(%x) = nil; want an error", tt.b)
			}
		})
	}
}
