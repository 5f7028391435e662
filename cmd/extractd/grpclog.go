package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
)

// grpcLogger sends the logs of grpc-go and grpc-gateway to the service's
// JSON log: their errors (such as "Failed to write response" when a slow
// client is cut off) as warnings with source "grpc", the rest at debug
// level, instead of plain-text lines on stderr.
type grpcLogger struct{ log *slog.Logger }

func (g grpcLogger) at(level slog.Level, msg string) {
	g.log.Log(context.Background(), level, msg, "source", "grpc")
}

func (g grpcLogger) Info(args ...any)   { g.at(slog.LevelDebug, fmt.Sprint(args...)) }
func (g grpcLogger) Infoln(args ...any) { g.at(slog.LevelDebug, fmt.Sprint(args...)) }
func (g grpcLogger) Infof(format string, args ...any) {
	g.at(slog.LevelDebug, fmt.Sprintf(format, args...))
}
func (g grpcLogger) Warning(args ...any)   { g.at(slog.LevelDebug, fmt.Sprint(args...)) }
func (g grpcLogger) Warningln(args ...any) { g.at(slog.LevelDebug, fmt.Sprint(args...)) }
func (g grpcLogger) Warningf(format string, args ...any) {
	g.at(slog.LevelDebug, fmt.Sprintf(format, args...))
}
func (g grpcLogger) Error(args ...any)   { g.at(slog.LevelWarn, fmt.Sprint(args...)) }
func (g grpcLogger) Errorln(args ...any) { g.at(slog.LevelWarn, fmt.Sprint(args...)) }
func (g grpcLogger) Errorf(format string, args ...any) {
	g.at(slog.LevelWarn, fmt.Sprintf(format, args...))
}
func (g grpcLogger) Fatal(args ...any)   { g.at(slog.LevelError, fmt.Sprint(args...)); os.Exit(1) }
func (g grpcLogger) Fatalln(args ...any) { g.at(slog.LevelError, fmt.Sprint(args...)); os.Exit(1) }
func (g grpcLogger) Fatalf(format string, args ...any) {
	g.at(slog.LevelError, fmt.Sprintf(format, args...))
	os.Exit(1)
}
func (g grpcLogger) V(int) bool { return false }
