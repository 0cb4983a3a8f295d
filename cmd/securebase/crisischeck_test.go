package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// runCrisisCheck runs `securebase crisis-check` with args and stdin as the
// binary would.
func runCrisisCheck(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errs bytes.Buffer
	err = run(context.Background(), append([]string{"crisis-check"}, args...), func(string) string { return "" },
		strings.NewReader(stdin), &out, &errs)
	return out.String(), errs.String(), err
}

// TestCrisisCheckIsTheAppsDecision checks every entry of the fresh journal
// set through the command and compares each line with the detector the
// app uses, field for field.
func TestCrisisCheckIsTheAppsDecision(t *testing.T) {
	in, err := os.ReadFile("../../safety/testdata/crisis_journal.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	// Two entries of several fields, as the app saves them.
	extra := `{"id": 9001, "texts": ["Grocery list", "I want to die."]}` + "\n" +
		`{"id": "x-2", "texts": ["I want to", "die of embarrassment"], "label": "other"}` + "\n"
	stdout, stderr, err := runCrisisCheck(t, string(in)+extra)
	if err != nil {
		t.Fatalf("crisis-check: %v\n%s", err, stderr)
	}
	d, err := crisisDetector()
	if err != nil {
		t.Fatal(err)
	}
	var inputs []struct {
		ID    json.RawMessage `json:"id"`
		Text  *string         `json:"text"`
		Texts []string        `json:"texts"`
	}
	sc := bufio.NewScanner(strings.NewReader(string(in) + extra))
	for sc.Scan() {
		var e struct {
			ID    json.RawMessage `json:"id"`
			Text  *string         `json:"text"`
			Texts []string        `json:"texts"`
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, e)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != len(inputs) {
		t.Fatalf("%d verdicts for %d entries", len(lines), len(inputs))
	}
	yes := 0
	for i, l := range lines {
		var v struct {
			ID     json.RawMessage `json:"id"`
			Crisis *bool           `json:"crisis"`
			Reason string          `json:"reason"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil || v.Crisis == nil {
			t.Fatalf("line %d: %q: %v", i+1, l, err)
		}
		texts := inputs[i].Texts
		if inputs[i].Text != nil {
			texts = append([]string{*inputs[i].Text}, texts...)
		}
		if want := d.CheckEntry(texts...).Crisis; *v.Crisis != want || string(v.ID) != string(inputs[i].ID) || v.Reason != "" {
			t.Errorf("line %d: %s, want id %s crisis %v and no reason without -why", i+1, l, inputs[i].ID, want)
		}
		if *v.Crisis {
			yes++
		}
	}
	if yes == 0 || yes == len(lines) {
		t.Errorf("%d of %d entries said yes: the check looks broken", yes, len(lines))
	}
	if !strings.Contains(lines[len(lines)-2], `"crisis":true`) || !strings.Contains(lines[len(lines)-1], `"crisis":false`) {
		t.Errorf("multi-field entries: %s / %s", lines[len(lines)-2], lines[len(lines)-1])
	}
}

func TestCrisisCheckWhy(t *testing.T) {
	stdout, stderr, err := runCrisisCheck(t, `{"id":"a","text":"I have a plan now."}`+"\n"+`{"id":"b","text":"My friend wants to die."}`+"\n", "-why")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"crisis":true,"reason":"plan"`) ||
		!strings.Contains(lines[0], `"outcome":"yes"`) || !strings.Contains(lines[1], `"crisis":false`) ||
		!strings.Contains(lines[1], "someone else") {
		t.Errorf("-why output:\n%s", stdout)
	}
	if strings.Contains(stdout, "friend") || strings.Contains(stdout, "plan now") {
		t.Errorf("-why must name rules, never echo the writer's words:\n%s", stdout)
	}
}

// TestCrisisCheckBadLines: each bad line is reported with its number and
// skipped, the rest are checked, and the command then fails.
func TestCrisisCheckBadLines(t *testing.T) {
	in := strings.Join([]string{
		`{"id": 1, "text": "I want to die."}`,
		`not json`,
		`{"text": "no id"}`,
		`{"id": null, "text": "null id"}`,
		`{"id": {"a": 1}, "text": "object id"}`,
		`{"id": 2}`,
		`{"id": 3, "text": 7}`,
		`{"id": 4, "texts": "not an array"}`,
		``,
		`   `,
		`{"id": 5, "text": "fine", "label": "kept as an extra field"}`,
		`{"id": 6, "text": "` + strings.Repeat("a", maxCheckLine) + `"}`,
		`{"id": 7, "text": "last line without a newline"}`,
	}, "\n")
	stdout, stderr, err := runCrisisCheck(t, in)
	if err == nil || !strings.Contains(err.Error(), "8 bad line(s)") {
		t.Fatalf("want 8 bad lines reported, got %v\n%s", err, stderr)
	}
	for _, want := range []string{"line 2: not a JSON object", "line 3: want an \"id\"", "line 4: want an \"id\"",
		"line 5: want an \"id\"", "line 6: want a \"text\"", `line 7: "text" must be a string`,
		`line 8: "texts" must be an array of strings`, "line 12: longer than"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	want := `{"id":1,"crisis":true}` + "\n" + `{"id":5,"crisis":false}` + "\n" + `{"id":7,"crisis":false}` + "\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	if _, _, err := runCrisisCheck(t, "", "extra-arg"); err == nil || !strings.Contains(err.Error(), "standard input") {
		t.Errorf("a file argument must be refused with a hint, got %v", err)
	}
}

// FuzzCrisisCheckLine feeds arbitrary lines to the line parser: it must
// never panic, and anything it accepts must echo a valid id.
func FuzzCrisisCheckLine(f *testing.F) {
	for _, s := range []string{
		`{"id":1,"text":"I want to die"}`, `{"id":"x","texts":["a","b"]}`, `{"id":-1e3,"text":""}`,
		`{"id":null}`, `[]`, `"just a string"`, `{"id":1,"text":"\ud800"}`, `{"id":1,"text":"a","text":"b"}`,
		`{"id":1,"texts":[null,1]}`, "{\"id\":1,\"text\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	d, err := crisisDetector()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		id, texts, err := parseCheckLine(line)
		if err != nil {
			return
		}
		if !json.Valid(id) || (id[0] != '"' && id[0] != '-' && (id[0] < '0' || id[0] > '9')) {
			t.Fatalf("accepted id %q from %q", id, line)
		}
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		if err := writeVerdict(w, d, id, texts, true); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if !json.Valid(bytes.TrimSpace(b.Bytes())) {
			t.Fatalf("output is not JSON: %q", b.String())
		}
	})
}
