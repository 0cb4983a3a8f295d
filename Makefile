# Secure Base: the everyday commands and the proof harnesses (docs/testing.md).
# The slow harnesses print lines starting with FIGURE; run them on a quiet
# machine for figures worth quoting.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
GO ?= go
export TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
FUZZTIME ?= 60s
KILLS ?= 200
BENCH_FLAGS ?=

.PHONY: test ci lint proof durability fuzz bench bench-quick crisis-eval screenshots

# The README's test command.
test:
	$(GO) test ./...

# What CI runs, on a fresh machine (installs Chromium, PostgreSQL, npm deps).
ci:
	.ci/run

# go vet, staticcheck and gosec, at the versions .ci/run pins.
lint:
	$(GO) vet ./...
	$$($(GO) env GOPATH)/bin/staticcheck ./...
	$$($(GO) env GOPATH)/bin/gosec -quiet -exclude-dir=node_modules ./...

# Every proof harness once, on both databases, with its figures, and the
# slow proofs that no other run makes (SECUREBASE_SLOW=1: the five-minute
# pacer, a million nonces, imports and exports of the largest size).
proof:
	CI=true SECUREBASE_SLOW=1 $(GO) test -count=1 -v -timeout 30m ./proof ./sqlstore -run 'Kill|Isolation|NoPage|AtRest|Backup|Logs|Flood|SignIns|Session|Password|Tamper|Nonces|Redirect|Classify|Samples|Scanner|ImportExportMemory' \
		| grep -E '^(ok|FAIL|--- FAIL|panic)|FIGURE|OVER BUDGET'
	CI=true SECUREBASE_SLOW=1 $(GO) test -count=1 -v -timeout 20m -run 'EveryPage|PacerTiming' ./cmd/securebase | grep -E '^(ok|FAIL|--- FAIL)|FIGURE'
	CI=true SECUREBASE_SLOW=1 $(GO) test -count=1 -v -run 'NoncesNeverRepeat' ./crypt | grep -E '^(ok|FAIL|--- )'

# Kill -9 durability, long: KILLS crashes on each database.
durability:
	CI=true PROOF_KILLS=$(KILLS) $(GO) test -count=1 -v -timeout 60m -run 'KillDurability' ./proof \
		| grep -E '^(ok|FAIL|--- FAIL)|FIGURE|lost'

# Every fuzz target for FUZZTIME each.
fuzz:
	scripts/fuzz.sh $(FUZZTIME)

# The load benchmark: SQLite and PostgreSQL, 10 then 10,000 users, 10 s per run.
bench:
	$(GO) run ./proof/cmd/bench $(BENCH_FLAGS)

# A quick look: 3 s runs, 1,000 users.
bench-quick:
	$(GO) run ./proof/cmd/bench -d 3s -users 1000 $(BENCH_FLAGS)

# The crisis-language check on real and fresh writing: C-SSRS users,
# GoEmotions, the fresh journal set, each figure with its 95% interval
# (docs/safety.md). Needs ../shared/data beside the repository.
crisis-eval:
	$(GO) run ./safety/crisiseval/cmd/crisis-eval -data ../shared/data -journal safety/testdata/crisis_journal.jsonl
	$(GO) run ./safety/crisiseval/cmd/crisis-eval -data ../shared/data -cssrs-cv
	@echo '== the third fresh set (round 9 development set; docs/safety.md, "Round 9")'
	$(GO) run ./safety/crisiseval/cmd/crisis-eval -data ../shared/data -journal safety/testdata/crisis_journal_c.jsonl | sed -n '/Fresh journal/,$$p'
	@echo '== the fourth fresh set (round 10 development set; docs/safety.md, "Round 10")'
	$(GO) run ./safety/crisiseval/cmd/crisis-eval -data ../shared/data -only journal -journal safety/testdata/crisis_journal_d.jsonl
	@echo '== the fifth fresh set, set E (round 10: run, not tuned on, read in training since round 29; docs/safety.md, "Round 10")'
	$(GO) run ./safety/crisiseval/cmd/crisis-eval -data ../shared/data -only journal -journal safety/testdata/crisis_journal_e.jsonl
	@echo '== the second fresh set, set B (held out once, read in training since round 29; docs/safety.md, "A second fresh set")'
	$(GO) run ./safety/crisiseval/cmd/crisis-eval -data ../shared/data -journal safety/testdata/crisis_journal_b.jsonl | sed -n '/Fresh journal/,$$p'
	@echo '== sets F to CQ (rounds 12 to 64: each held out once, then development or training; AR written for training (round 34); AT read by no model, AU written for training and read by none (round 35); RU (ordinary anxious-attachment writing) and AL (ordinary forum comments) are all other; AB, AC, AD, BE, CD and CG were written for training (CG read by none); CJ and CK were written as development sets, read by no model; a set held out for the next round is not run here; docs/safety.md, "Where it stands")'
	$(GO) build -o /tmp/securebase-crisis-eval ./safety/crisiseval/cmd/crisis-eval
	@for s in f g h i j k l m n o p q r s t u v w x y z aa ae af ag ah ai aj ak al am an ao ap aq ar as at au av aw ax ay az ba bb bc bd bf bg bh bi bj bk bl bm bn bo bp bq br bs bt bu bv bw bx by bz ca cb cc ce cf ch ci cj ck cl cm cn co cp cq ru ab ac ad be cd cg; do echo "== set $$s"; /tmp/securebase-crisis-eval -data ../shared/data -only journal -journal safety/testdata/crisis_journal_$$s.jsonl | sed -n '/^| recall |/,/joins of 8/p'; done

# Phone (320 and 390 px) and desktop screenshots of every page, signed out
# and in, into screenshots/ (not committed); then the README's screenshot.
screenshots:
	mkdir -p screenshots
	SCREENSHOT_DIR=$(CURDIR)/screenshots $(GO) test -count=1 -run 'TestEveryPageInChromium' ./cmd/securebase
	UPDATE_SCREENSHOT=1 $(GO) test -count=1 -run 'TestScreenshot' ./cmd/securebase
