"""Python client for the entity-extraction service (extractd) over gRPC.

The message and stub modules (entityextraction/, google/) are generated from
proto/ by generate.sh with Debian's python3-grpc-tools; this module only wraps
the stub with a channel and the right defaults:

    from extractd_client import Client

    with Client("127.0.0.1:9090") as c:
        res = c.extract(text)
        for person in res.people:
            print(person.name, [text[m.span.begin:m.span.end] for m in person.mentions])

Client.extract asks for offsets in code points (ENCODING_TYPE_UTF32), the
unit of Python str indexing, so text[begin:end] is a span's text.
"""

from decimal import Decimal

import grpc

from entityextraction.v1 import entity_extraction_pb2 as pb
from entityextraction.v1 import entity_extraction_pb2_grpc as pb_grpc

__all__ = ["Client", "money_value", "pb"]


class Client:
    """A connection to EntityExtractionService at address ("host:port").

    The channel is plain text, as extractd serves gRPC; pass credentials for
    a server behind TLS. timeout is the default deadline of each call in
    seconds.
    """

    def __init__(self, address, *, credentials=None, timeout=30.0, max_message_bytes=16 << 20):
        options = [
            ("grpc.max_send_message_length", max_message_bytes),
            ("grpc.max_receive_message_length", -1),
        ]
        if credentials is None:
            self._channel = grpc.insecure_channel(address, options=options)
        else:
            self._channel = grpc.secure_channel(address, credentials, options=options)
        self.stub = pb_grpc.EntityExtractionServiceStub(self._channel)
        self.timeout = timeout

    def extract(self, text, *, id="", features=(), date=None, dictionary=(), timeout=None):
        """Extract analyses one document and returns its ExtractResponse.

        date, a datetime.date, is when the text was written: a currency
        name gets the ISO code in force then ("roubles" in 1995 are RUR).
        dictionary is the request's own dictionary: pb.DictionaryEntry
        messages or dicts of their fields, such as {"phrases": ["Galaxy
        S24"], "type": "PRODUCT", "external_id": "SM-S921"}.
        Offsets are in code points. Raises grpc.RpcError, with code()
        INVALID_ARGUMENT for empty or too-long text or a bad dictionary.
        """
        req = pb.ExtractRequest(text=text, id=id, encoding_type=pb.ENCODING_TYPE_UTF32, features=features,
                                dictionary=[e if isinstance(e, pb.DictionaryEntry) else pb.DictionaryEntry(**e)
                                            for e in dictionary])
        if date is not None:
            req.document_date.year, req.document_date.month, req.document_date.day = date.year, date.month, date.day
        return self.stub.Extract(req, timeout=timeout or self.timeout)

    def batch_extract(self, texts, *, timeout=None):
        """BatchExtract analyses several documents in one call.

        texts is a list of strings or of (id, text) pairs. It returns the
        BatchExtractResults in order: each has either response or error set
        (result.WhichOneof("outcome")).
        """
        reqs = []
        for t in texts:
            doc_id, body = t if isinstance(t, tuple) else ("", t)
            reqs.append(pb.ExtractRequest(text=body, id=doc_id, encoding_type=pb.ENCODING_TYPE_UTF32))
        res = self.stub.BatchExtract(pb.BatchExtractRequest(requests=reqs), timeout=timeout or self.timeout)
        return list(res.results)

    def extract_stream(self, docs, *, timeout=None):
        """ExtractStream sends (id, text) pairs from the iterable docs and
        yields an ExtractStreamResponse per document, in order."""
        reqs = (
            pb.ExtractStreamRequest(
                request=pb.ExtractRequest(text=body, id=doc_id, encoding_type=pb.ENCODING_TYPE_UTF32)
            )
            for doc_id, body in docs
        )
        return self.stub.ExtractStream(reqs, timeout=timeout)

    def close(self):
        """Closes the channel."""
        self._channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def money_value(money):
    """Returns (currency_code, Decimal) for a Money message, exactly:
    units + nanos / 10**9 (units and nanos have the same sign), with no
    trailing zeros after the decimal point: Decimal("1500000000"),
    Decimal("0.5")."""
    if not money.nanos:
        return money.currency_code, Decimal(money.units)
    sign = "-" if money.units < 0 or money.nanos < 0 else ""
    frac = f"{abs(money.nanos):09d}".rstrip("0")
    return money.currency_code, Decimal(f"{sign}{abs(money.units)}.{frac}")
