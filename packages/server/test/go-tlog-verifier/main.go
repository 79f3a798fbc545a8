// Command go-tlog-verifier checks an ePeople transparency log with Go's own
// implementation (golang.org/x/mod/sumdb/note and sumdb/tlog), independent of
// the server's TypeScript: the checkpoint's signature, every entry's inclusion
// through the C2SP tiles, consistency with an older checkpoint, and a receipt
// (C2SP tlog-proof). It exits 1 with a message at the first thing that fails.
//
// Build (offline, Debian's golang-golang-x-mod-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o verifier main.go
//
// Use:
//
//	verifier -log http://host/log -key '<verifier key>' [-old old-checkpoint]
//	         [-receipt answer.tlog-proof -entry entry.bin]
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8

type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "REFUSED: "+format+"\n", args...)
	os.Exit(1)
}

// openCheckpoint verifies the signed note and parses the C2SP checkpoint body.
func openCheckpoint(signed []byte, verifier note.Verifier) checkpoint {
	n, err := note.Open(signed, note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint signature: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 {
		fail("malformed checkpoint")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		fail("malformed checkpoint size %q", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("malformed checkpoint root: %v", err)
	}
	if lines[0] != verifier.Name() {
		fail("checkpoint origin %q is not the key's log %q", lines[0], verifier.Name())
	}
	return checkpoint{origin: lines[0], size: size, root: root}
}

func fetch(url string) []byte {
	response, err := http.Get(url)
	if err != nil {
		fail("GET %s: %v", url, err)
	}
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	if err != nil || response.StatusCode != http.StatusOK {
		fail("GET %s: status %d %v", url, response.StatusCode, err)
	}
	return body
}

// c2spPath turns x/mod's tile path (which carries the height, tile/8/L/N) into
// the C2SP path (tile/L/N); the record data level is C2SP's entries.
func c2spPath(t tlog.Tile) string {
	path := strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", tileHeight))
	return "tile/" + strings.Replace(path, "data/", "entries/", 1)
}

// tileServer fetches tiles over HTTP, once each: the hash reader checks every tile it is handed
// against the signed tree, cached or not.
type tileServer struct {
	base  string
	cache map[string][]byte
}

func (s tileServer) Height() int { return tileHeight }

func (s tileServer) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		path := c2spPath(t)
		if _, found := s.cache[path]; !found {
			s.cache[path] = fetch(s.base + "/" + path)
		}
		data[i] = s.cache[path]
	}
	return data, nil
}

func (s tileServer) SaveTiles([]tlog.Tile, [][]byte) {}

// entries reads every entry of the tree from the C2SP entry bundles.
func entries(server tileServer, size int64) [][]byte {
	var all [][]byte
	for start := int64(0); start < size; start += 1 << tileHeight {
		width := size - start
		if width > 1<<tileHeight {
			width = 1 << tileHeight
		}
		bundle := fetch(server.base + "/" + c2spPath(tlog.Tile{H: tileHeight, L: -1, N: start >> tileHeight, W: int(width)}))
		for len(bundle) > 0 {
			if len(bundle) < 2 {
				fail("truncated entry bundle")
			}
			length := int(binary.BigEndian.Uint16(bundle))
			if len(bundle) < 2+length {
				fail("truncated entry bundle")
			}
			all = append(all, bundle[2:2+length])
			bundle = bundle[2+length:]
		}
	}
	if int64(len(all)) != size {
		fail("the entry bundles hold %d entries, the checkpoint signs %d", len(all), size)
	}
	return all
}

// parseReceipt reads a C2SP tlog-proof: header, optional extra, index, proof, empty line, checkpoint.
func parseReceipt(text []byte) (int64, tlog.RecordProof, []byte) {
	head, signed, found := bytes.Cut(text, []byte("\n\n"))
	if !found {
		fail("malformed receipt")
	}
	lines := strings.Split(string(head), "\n")
	if lines[0] != "c2sp.org/tlog-proof@v1" {
		fail("not a c2sp.org/tlog-proof@v1 receipt")
	}
	lines = lines[1:]
	if len(lines) > 0 && strings.HasPrefix(lines[0], "extra ") {
		lines = lines[1:]
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "index ") {
		fail("malformed receipt index")
	}
	index, err := strconv.ParseInt(strings.TrimPrefix(lines[0], "index "), 10, 64)
	if err != nil {
		fail("malformed receipt index")
	}
	var proof tlog.RecordProof
	for _, line := range lines[1:] {
		raw, err := base64.StdEncoding.DecodeString(line)
		if err != nil || len(raw) != tlog.HashSize {
			fail("malformed receipt proof line %q", line)
		}
		var h tlog.Hash
		copy(h[:], raw)
		proof = append(proof, h)
	}
	return index, proof, signed
}

func main() {
	logURL := flag.String("log", "", "the log's URL prefix, e.g. http://localhost:3000/log")
	key := flag.String("key", "", "the log's verifier key <name>+<id>+<key>")
	oldFile := flag.String("old", "", "an older signed checkpoint the current one must extend")
	receiptFile := flag.String("receipt", "", "a tlog-proof receipt to check")
	entryFile := flag.String("entry", "", "the entry the receipt is for")
	flag.Parse()

	verifier, err := note.NewVerifier(*key)
	if err != nil {
		fail("verifier key: %v", err)
	}

	if *logURL != "" {
		server := tileServer{base: strings.TrimSuffix(*logURL, "/"), cache: map[string][]byte{}}
		current := openCheckpoint(fetch(server.base+"/checkpoint"), verifier)
		tree := tlog.Tree{N: current.size, Hash: current.root}
		hashes := tlog.TileHashReader(tree, server)
		if current.size > 0 {
			// Reading the root through the tiles checks every tile used against the signed root.
			root, err := tlog.TreeHash(current.size, hashes)
			if err != nil || root != current.root {
				fail("the tiles do not hash to the signed root: %v", err)
			}
		}
		for index, entry := range entries(server, current.size) {
			proof, err := tlog.ProveRecord(current.size, int64(index), hashes)
			if err != nil {
				fail("inclusion proof of entry %d: %v", index, err)
			}
			if err := tlog.CheckRecord(proof, current.size, current.root, int64(index), tlog.RecordHash(entry)); err != nil {
				fail("entry %d is not the one the checkpoint signs: %v", index, err)
			}
		}
		fmt.Printf("ok: checkpoint of %d entries signed by %s; every entry included\n", current.size, verifier.Name())

		if *oldFile != "" {
			signed, err := os.ReadFile(*oldFile)
			if err != nil {
				fail("%v", err)
			}
			old := openCheckpoint(signed, verifier)
			if old.size > current.size {
				fail("the log shrank from %d to %d entries", old.size, current.size)
			}
			if old.size > 0 {
				proof, err := tlog.ProveTree(current.size, old.size, hashes)
				if err != nil {
					fail("consistency proof: %v", err)
				}
				if err := tlog.CheckTree(proof, current.size, current.root, old.size, old.root); err != nil {
					fail("the log of %d entries does not extend the checkpoint of %d: %v", current.size, old.size, err)
				}
			}
			fmt.Printf("ok: consistent with the checkpoint of %d entries\n", old.size)
		}
	}

	if *receiptFile != "" {
		text, err := os.ReadFile(*receiptFile)
		if err != nil {
			fail("%v", err)
		}
		entry, err := os.ReadFile(*entryFile)
		if err != nil {
			fail("%v", err)
		}
		index, proof, signed := parseReceipt(text)
		at := openCheckpoint(signed, verifier)
		if err := tlog.CheckRecord(proof, at.size, at.root, index, tlog.RecordHash(entry)); err != nil {
			fail("the receipt does not prove this entry at index %d: %v", index, err)
		}
		fmt.Printf("ok: receipt proves entry %d in the checkpoint of %d entries\n", index, at.size)
	}
	if *logURL == "" && *receiptFile == "" {
		fail("%v", errors.New("nothing to check: give -log and/or -receipt"))
	}
}
