# syntax=docker/dockerfile:1
# extractd: a static binary on distroless, running as a non-root user.
#
#   docker build -t extractd .
#   docker run --rm -p 9090:9090 -p 8080:8080 -p 9091:9091 extractd
#
# The build command below is the one .ci/run runs directly (Docker cannot
# run on the CI machines): keep them identical.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
# Modules first, so that a source change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -buildvcs=false -ldflags='-s -w' -o /out/extractd ./cmd/extractd

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/extractd /extractd
# 65532 is distroless's "nonroot" user; numeric so that Kubernetes'
# runAsNonRoot can verify it.
USER 65532:65532
EXPOSE 9090 8080 9091
ENV EXTRACTD_GRPC_ADDR=:9090 \
    EXTRACTD_HTTP_ADDR=:8080 \
    EXTRACTD_ADMIN_ADDR=:9091
ENTRYPOINT ["/extractd"]
