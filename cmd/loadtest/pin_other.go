//go:build !linux

package main

import "errors"

type cpuSplit struct{ server, client []int }

var errNoPinning = errors.New("--server-cpus needs Linux")

func splitCPUs(string) (cpuSplit, error) { return cpuSplit{}, errNoPinning }

func pin(int, []int) error { return errNoPinning }
