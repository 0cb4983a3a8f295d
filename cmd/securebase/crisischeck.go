package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/securebase/securebase/safety"
)

// maxCheckLine caps one input line of crisis-check. An entry in the app is
// far smaller; a longer line is reported and skipped, not read into memory.
const maxCheckLine = 1 << 20

// crisisCheck is `securebase crisis-check [-why] < entries.jsonl`: the
// app's crisis-language decision (feature G2) for audits on one's own
// data. Each input line is a JSON object {"id": …, "text": "…"} (or
// "texts": ["…", …] for an entry with several fields; other fields are
// ignored); each output line is {"id": …, "crisis": true|false}, with -why
// also the reason code, the rule that decided and every rule that matched
// with what cancelled it. A bad line is reported on stderr with its number
// and skipped; the command then fails after checking the rest.
func crisisCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("securebase crisis-check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	why := fs.Bool("why", false, "add the reason code and the rules that matched")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `usage: securebase crisis-check [-why] < entries.jsonl > verdicts.jsonl
each input line: {"id": "e1", "text": "…"} or {"id": 7, "texts": ["…", "…"]}`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("crisis-check reads JSON lines from standard input, not from %q: securebase crisis-check < %s", fs.Arg(0), fs.Arg(0))
	}
	d, err := crisisDetector()
	if err != nil {
		return err
	}
	in := bufio.NewReaderSize(stdin, 64*1024)
	out := bufio.NewWriter(stdout)
	bad := 0
	for n := 1; ; n++ {
		line, tooLong, err := readLine(in, maxCheckLine)
		if len(line) == 0 && !tooLong && errors.Is(err, io.EOF) {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("crisis-check: reading line %d: %w", n, err)
		}
		var (
			id    json.RawMessage
			texts []string
			perr  error
		)
		switch {
		case tooLong:
			perr = fmt.Errorf("longer than %d bytes", maxCheckLine)
		case len(bytes.TrimSpace(line)) == 0:
			continue
		default:
			id, texts, perr = parseCheckLine(line)
		}
		if perr != nil {
			bad++
			fmt.Fprintf(stderr, "crisis-check: line %d: %v\n", n, perr)
			continue
		}
		if werr := writeVerdict(out, d, id, texts, *why); werr != nil {
			return fmt.Errorf("crisis-check: writing: %w", werr)
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("crisis-check: writing: %w", err)
	}
	if bad > 0 {
		return fmt.Errorf("crisis-check: %d bad line(s) skipped; the rest were checked", bad)
	}
	return nil
}

// readLine returns the next line without its end. A line longer than max
// is read to its end and discarded, and reported with tooLong.
func readLine(r *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, err := r.ReadLine()
		if !tooLong {
			if len(line)+len(chunk) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err != nil || !isPrefix {
			return line, tooLong, err
		}
	}
}

// checkLine is one input line. Text and Texts are pointers so a line
// without either can be told from one with an empty text.
type checkLine struct {
	ID    json.RawMessage `json:"id"`
	Text  *string         `json:"text"`
	Texts []string        `json:"texts"`
}

// parseCheckLine reads one JSON line. The id must be a string or a number
// (it is echoed back as written), and there must be a "text" string or a
// "texts" array of strings.
func parseCheckLine(line []byte) (json.RawMessage, []string, error) {
	var c checkLine
	if err := json.Unmarshal(line, &c); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typ):
			return nil, nil, fmt.Errorf("%q must be %s", typ.Field, map[string]string{"text": "a string", "texts": "an array of strings"}[typ.Field])
		case errors.As(err, &syn):
			return nil, nil, fmt.Errorf("not a JSON object: %v", err)
		}
		return nil, nil, fmt.Errorf("not a JSON object: %v", err)
	}
	id := bytes.TrimSpace(c.ID)
	if len(id) == 0 || (id[0] != '"' && id[0] != '-' && (id[0] < '0' || id[0] > '9')) {
		return nil, nil, errors.New(`want an "id" that is a string or a number`)
	}
	texts := c.Texts
	if c.Text != nil {
		texts = append([]string{*c.Text}, texts...)
	}
	if c.Text == nil && c.Texts == nil {
		return nil, nil, errors.New(`want a "text" string or a "texts" array`)
	}
	return json.RawMessage(id), texts, nil
}

// verdictLine is one output line.
type verdictLine struct {
	ID       json.RawMessage `json:"id"`
	Crisis   bool            `json:"crisis"`
	Reason   string          `json:"reason,omitempty"`
	Findings []findingLine   `json:"findings,omitempty"`
}

type findingLine struct {
	Code    string `json:"code"`
	Rule    string `json:"rule"`
	Outcome string `json:"outcome"`
}

func writeVerdict(w *bufio.Writer, d *safety.Detector, id json.RawMessage, texts []string, why bool) error {
	v := verdictLine{ID: id}
	if why {
		verdict, found := d.Explain(texts...)
		v.Crisis, v.Reason = verdict.Crisis, verdict.Reason
		for _, f := range found {
			v.Findings = append(v.Findings, findingLine{Code: f.Code, Rule: f.Rule, Outcome: f.Outcome})
		}
	} else {
		v.Crisis = d.CheckEntry(texts...).Crisis
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}
