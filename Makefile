# Diên Hồng — the two commands a new user runs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

RELEASE_DIR := build/release
TEST_DIR := build/asan
DATA_DIR ?= data

.PHONY: help setup build web run test bench clean

help:
	@echo "make run    install what is missing, build, start on https://localhost:8443"
	@echo "make test   install what is missing, build, run every test"
	@echo "make build  build the server (release) and the web client"
	@echo "make bench  run the benchmarks"
	@echo "make clean  remove build outputs (keeps $(DATA_DIR)/)"

setup:
	@scripts/setup

web: setup
	@npm --prefix web run --silent build

build: setup web
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDIENHONG_BUILD_TESTS=OFF >/dev/null
	@cmake --build $(RELEASE_DIR)

run: build
	@$(RELEASE_DIR)/src/app/dienhong serve --data-dir $(DATA_DIR)

test: setup
	@scripts/test

bench: setup
	@scripts/bench

clean:
	rm -rf build web/dist
