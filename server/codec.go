package server

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// Codec returns the gRPC codec the server should use (grpc.ForceServerCodecV2).
// It is the standard protobuf codec except for one case: a request message of
// this API whose string fields hold invalid UTF-8, which Go protobuf refuses
// to unmarshal and grpc-go would then answer with INTERNAL. This codec
// decodes such a message anyway, keeping the invalid bytes in the string, so
// that request validation answers INVALID_ARGUMENT with a clear message, per
// document in batches and streams.
func Codec() encoding.CodecV2 {
	return laxCodec{base: encoding.GetCodecV2("proto")}
}

type laxCodec struct{ base encoding.CodecV2 }

func (c laxCodec) Name() string { return c.base.Name() }

func (c laxCodec) Marshal(v any) (mem.BufferSlice, error) { return c.base.Marshal(v) }

func (c laxCodec) Unmarshal(data mem.BufferSlice, v any) error {
	err := c.unmarshal(data, v)
	if r, ok := v.(*extractv1.ExtractStreamRequest); ok && err != nil {
		// One bad document of a stream: grpc-go would end the whole call,
		// losing the results not yet sent. Keep the error for the handler,
		// which answers it as that document's result.
		proto.Reset(r)
		decodeErrors.Store(r, fmt.Errorf("%w: %v", ErrUndecodable, err))
		return nil
	}
	return err
}

func (c laxCodec) unmarshal(data mem.BufferSlice, v any) error {
	err := c.base.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	m, ok := v.(proto.Message)
	if !ok || m.ProtoReflect().Descriptor().ParentFile().Package() != apiPackage {
		return err
	}
	lax, laxErr := unmarshalLax(data.Materialize(), m.ProtoReflect().Descriptor())
	if laxErr != nil || !hasInvalidUTF8(m.ProtoReflect().Descriptor(), lax) {
		return err // not (only) invalid UTF-8: the strict decoder's error stands
	}
	proto.Reset(m)
	copyLax(m.ProtoReflect(), lax)
	return nil
}

// decodeErrors holds, by message, the decoding errors of stream messages
// that the codec let through; the handler takes each one out as it
// receives its message.
var decodeErrors sync.Map // *extractv1.ExtractStreamRequest → error

// takeDecodeError returns (and forgets) the decoding error of m, or nil.
func takeDecodeError(m *extractv1.ExtractStreamRequest) error {
	if err, ok := decodeErrors.LoadAndDelete(m); ok {
		return err.(error)
	}
	return nil
}

const apiPackage = protoreflect.FullName("entityextraction.v1")

// unmarshalLax decodes b as a message of desc through a copy of desc in
// which every string field of the API's own file is a bytes field (the same
// wire type), so that invalid UTF-8 is kept rather than refused.
func unmarshalLax(b []byte, desc protoreflect.MessageDescriptor) (protoreflect.Message, error) {
	laxDesc, err := laxDescriptor(desc.FullName())
	if err != nil {
		return nil, err
	}
	lax := dynamicpb.NewMessage(laxDesc)
	if err := proto.Unmarshal(b, lax); err != nil {
		return nil, err
	}
	return lax, nil
}

// hasInvalidUTF8 reports whether lax, a message of the lax copy of desc,
// holds invalid UTF-8 in a field that desc declares as a string.
func hasInvalidUTF8(desc protoreflect.MessageDescriptor, lax protoreflect.Message) bool {
	found := false
	lax.Range(func(lf protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		df := desc.Fields().ByNumber(lf.Number())
		switch {
		case df == nil:
		case df.IsMap():
			v.Map().Range(func(_ protoreflect.MapKey, mv protoreflect.Value) bool {
				found = invalidValue(df.MapValue(), mv)
				return !found
			})
		case df.IsList():
			l := v.List()
			for i := 0; i < l.Len() && !found; i++ {
				found = invalidValue(df, l.Get(i))
			}
		default:
			found = invalidValue(df, v)
		}
		return !found
	})
	return found
}

func invalidValue(df protoreflect.FieldDescriptor, v protoreflect.Value) bool {
	switch df.Kind() {
	case protoreflect.StringKind:
		return !utf8.Valid(v.Bytes())
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return hasInvalidUTF8(df.Message(), v.Message())
	}
	return false
}

var laxFile = sync.OnceValues(func() (protoreflect.FileDescriptor, error) {
	fdp := protodesc.ToFileDescriptorProto(extractv1.File_entityextraction_v1_entity_extraction_proto)
	var relax func([]*descriptorpb.DescriptorProto)
	relax = func(msgs []*descriptorpb.DescriptorProto) {
		for _, md := range msgs {
			for _, fd := range md.GetField() {
				// A map's key must stay a string; its value may be bytes.
				if md.GetOptions().GetMapEntry() && fd.GetName() == "key" {
					continue
				}
				if fd.GetType() == descriptorpb.FieldDescriptorProto_TYPE_STRING {
					fd.Type = descriptorpb.FieldDescriptorProto_TYPE_BYTES.Enum()
				}
			}
			relax(md.GetNestedType())
		}
	}
	relax(fdp.GetMessageType())
	return protodesc.NewFile(fdp, protoregistry.GlobalFiles)
})

func laxDescriptor(name protoreflect.FullName) (protoreflect.MessageDescriptor, error) {
	fd, err := laxFile()
	if err != nil {
		return nil, err
	}
	md := fd.Messages().ByName(name.Name())
	if md == nil || md.FullName() != name {
		return nil, fmt.Errorf("server: no lax descriptor for %s", name)
	}
	return md, nil
}

// copyLax copies src, a message of a lax descriptor, into dst, a message of
// the original descriptor.
func copyLax(dst, src protoreflect.Message) {
	fields := dst.Descriptor().Fields()
	src.Range(func(sf protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		df := fields.ByNumber(sf.Number())
		switch {
		case df.IsList():
			sl, dl := v.List(), dst.Mutable(df).List()
			for i := range sl.Len() {
				dl.Append(convertLax(dl, df, sl.Get(i)))
			}
		case df.IsMap():
			dm := dst.Mutable(df).Map()
			v.Map().Range(func(k protoreflect.MapKey, mv protoreflect.Value) bool {
				dm.Set(k, convertLax(nil, df.MapValue(), mv)) // string values only: no message needs l
				return true
			})
		case df.Kind() == protoreflect.MessageKind || df.Kind() == protoreflect.GroupKind:
			copyLax(dst.Mutable(df).Message(), v.Message())
		default:
			dst.Set(df, convertLax(nil, df, v))
		}
		return true
	})
	dst.SetUnknown(src.GetUnknown())
}

func convertLax(l protoreflect.List, df protoreflect.FieldDescriptor, v protoreflect.Value) protoreflect.Value {
	switch df.Kind() {
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(string(v.Bytes()))
	case protoreflect.MessageKind, protoreflect.GroupKind:
		elem := l.NewElement()
		copyLax(elem.Message(), v.Message())
		return elem
	}
	return v
}
