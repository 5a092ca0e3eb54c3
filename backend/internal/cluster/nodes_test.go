package cluster

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/core"
)

func TestNormalizeAPIURL(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr string // substring; "" means success
	}{
		{name: "bare host gets the API path", in: "https://bbb1.example.org", want: "https://bbb1.example.org/bigbluebutton/api"},
		{name: "bare host with slash", in: "https://bbb1.example.org/", want: "https://bbb1.example.org/bigbluebutton/api"},
		{name: "full API URL unchanged", in: "https://bbb1.example.org/bigbluebutton/api", want: "https://bbb1.example.org/bigbluebutton/api"},
		{name: "trailing slash trimmed", in: "https://bbb1.example.org/bigbluebutton/api/", want: "https://bbb1.example.org/bigbluebutton/api"},
		{name: "several trailing slashes trimmed", in: "https://bbb1.example.org/bigbluebutton/api///", want: "https://bbb1.example.org/bigbluebutton/api"},
		{name: "bigbluebutton gets /api", in: "https://bbb1.example.org/bigbluebutton", want: "https://bbb1.example.org/bigbluebutton/api"},
		{name: "bigbluebutton/ gets /api", in: "https://bbb1.example.org/bigbluebutton/", want: "https://bbb1.example.org/bigbluebutton/api"},
		{name: "surrounding space trimmed", in: "  http://bbb1.example.org:8080  ", want: "http://bbb1.example.org:8080/bigbluebutton/api"},
		{name: "plain http with port and prefix", in: "http://127.0.0.1:8090/n/2/bigbluebutton/api", want: "http://127.0.0.1:8090/n/2/bigbluebutton/api"},
		{name: "ftp refused", in: "ftp://bbb1.example.org/bigbluebutton/api", wantErr: "http(s) URL"},
		{name: "not a url refused", in: "not a url", wantErr: "http(s) URL"},
		{name: "host without scheme refused", in: "bbb1.example.org", wantErr: "http(s) URL"},
		{name: "empty refused", in: "", wantErr: "http(s) URL"},
		{name: "blank refused", in: "   ", wantErr: "http(s) URL"},
		{name: "scheme without host refused", in: "https:///bigbluebutton/api", wantErr: "http(s) URL"},
		{name: "query refused", in: "https://bbb1.example.org/bigbluebutton/api?checksum=x", wantErr: "query"},
		{name: "fragment refused", in: "https://bbb1.example.org/bigbluebutton/api#x", wantErr: "fragment"},
		{name: "credentials refused", in: "https://user:pw@bbb1.example.org/bigbluebutton/api", wantErr: "credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeAPIURL(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("NormalizeAPIURL(%q) = %q, want an error", tt.in, got)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %q, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("NormalizeAPIURL(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("NormalizeAPIURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
			// Normalizing is idempotent.
			if again, err := NormalizeAPIURL(got); err != nil || again != got {
				t.Fatalf("NormalizeAPIURL(%q) = %q, %v; want it unchanged", got, again, err)
			}
		})
	}
}

// newNodeDefaults is the node Admin.Create starts from.
func newNodeDefaults() *core.Node {
	return &core.Node{Capacity: DefaultCapacity, State: core.NodeEnabled, Algorithm: string(bbb.SHA256)}
}

func existingNode() *core.Node {
	return &core.Node{ID: "id-1", Name: "bbb1", APIURL: "https://bbb1.example.org/bigbluebutton/api",
		Secret: "old-secret", Algorithm: "sha1", Capacity: 250, State: core.NodeCordoned, Health: core.HealthOnline}
}

func fieldsOf(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *core.Error
	if !errors.As(err, &e) || e.Code != core.EInvalid {
		t.Fatalf("error %v, want a core EInvalid error", err)
	}
	return e.Fields
}

func TestApplyCreate(t *testing.T) {
	good := func(mod func(*NodeInput)) NodeInput {
		in := NodeInput{APIURL: ptr("https://bbb1.example.org"), Secret: ptr("s3cret")}
		if mod != nil {
			mod(&in)
		}
		return in
	}
	tests := []struct {
		name       string
		in         NodeInput
		want       *core.Node // checked when wantFields is empty
		wantFields []string   // fields reported invalid
	}{
		{
			name: "minimal input gets defaults and a name from the host",
			in:   good(nil),
			want: &core.Node{Name: "bbb1.example.org", APIURL: "https://bbb1.example.org/bigbluebutton/api",
				Secret: "s3cret", Algorithm: "sha256", Capacity: 100, State: core.NodeEnabled},
		},
		{
			name: "name derived from host and path prefix",
			in:   NodeInput{APIURL: ptr("http://127.0.0.1:8090/n/2/bigbluebutton/api"), Secret: ptr("s")},
			want: &core.Node{Name: "127.0.0.1:8090/n/2", APIURL: "http://127.0.0.1:8090/n/2/bigbluebutton/api",
				Secret: "s", Algorithm: "sha256", Capacity: 100, State: core.NodeEnabled},
		},
		{
			name: "every field given, trimmed and parsed",
			in: NodeInput{Name: ptr("  Node One "), APIURL: ptr("https://bbb1.example.org/bigbluebutton/"),
				Secret: ptr("  s3cret  "), Algorithm: ptr("SHA-512"), Capacity: ptr(500), State: ptr(core.NodeCordoned)},
			want: &core.Node{Name: "Node One", APIURL: "https://bbb1.example.org/bigbluebutton/api",
				Secret: "s3cret", Algorithm: "sha512", Capacity: 500, State: core.NodeCordoned},
		},
		{
			name: "blank name falls back to host",
			in:   good(func(in *NodeInput) { in.Name = ptr("   ") }),
			want: &core.Node{Name: "bbb1.example.org", APIURL: "https://bbb1.example.org/bigbluebutton/api",
				Secret: "s3cret", Algorithm: "sha256", Capacity: 100, State: core.NodeEnabled},
		},
		{
			name: "empty algorithm means sha256",
			in:   good(func(in *NodeInput) { in.Algorithm = ptr("") }),
			want: &core.Node{Name: "bbb1.example.org", APIURL: "https://bbb1.example.org/bigbluebutton/api",
				Secret: "s3cret", Algorithm: "sha256", Capacity: 100, State: core.NodeEnabled},
		},
		{name: "nothing given", in: NodeInput{}, wantFields: []string{"api_url", "name", "secret"}},
		{name: "missing api_url", in: good(func(in *NodeInput) { in.APIURL = nil; in.Name = ptr("n") }), wantFields: []string{"api_url"}},
		{name: "bad api_url", in: good(func(in *NodeInput) { in.APIURL = ptr("ftp://x"); in.Name = ptr("n") }), wantFields: []string{"api_url"}},
		{name: "api_url with query", in: good(func(in *NodeInput) { in.APIURL = ptr("https://x/?a=b") }), wantFields: []string{"api_url"}},
		{name: "missing secret", in: good(func(in *NodeInput) { in.Secret = nil }), wantFields: []string{"secret"}},
		{name: "blank secret", in: good(func(in *NodeInput) { in.Secret = ptr("   ") }), wantFields: []string{"secret"}},
		{name: "secret too long", in: good(func(in *NodeInput) { in.Secret = ptr(strings.Repeat("s", 501)) }), wantFields: []string{"secret"}},
		{name: "secret of 500 ok", in: good(func(in *NodeInput) { in.Secret = ptr(strings.Repeat("s", 500)) })},
		{name: "name too long", in: good(func(in *NodeInput) { in.Name = ptr(strings.Repeat("n", 201)) }), wantFields: []string{"name"}},
		{name: "unknown algorithm", in: good(func(in *NodeInput) { in.Algorithm = ptr("md5") }), wantFields: []string{"algorithm"}},
		{name: "capacity 0", in: good(func(in *NodeInput) { in.Capacity = ptr(0) }), wantFields: []string{"capacity"}},
		{name: "negative capacity", in: good(func(in *NodeInput) { in.Capacity = ptr(-5) }), wantFields: []string{"capacity"}},
		{name: "capacity too large", in: good(func(in *NodeInput) { in.Capacity = ptr(1000001) }), wantFields: []string{"capacity"}},
		{name: "capacity 1 ok", in: good(func(in *NodeInput) { in.Capacity = ptr(1) })},
		{name: "capacity 1000000 ok", in: good(func(in *NodeInput) { in.Capacity = ptr(1000000) })},
		{name: "unknown state", in: good(func(in *NodeInput) { in.State = ptr("paused") }), wantFields: []string{"state"}},
		{name: "disabled state ok", in: good(func(in *NodeInput) { in.State = ptr(core.NodeDisabled) })},
		{
			name: "several problems at once",
			in: NodeInput{APIURL: ptr("nope"), Secret: ptr(""), Algorithm: ptr("crc32"), Capacity: ptr(0),
				State: ptr("on"), Name: ptr("x")},
			wantFields: []string{"algorithm", "api_url", "capacity", "secret", "state"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := newNodeDefaults()
			err := apply(n, tt.in, true)
			fields := fieldsOf(t, err)
			var got []string
			for f := range fields {
				got = append(got, f)
			}
			if diff := cmp.Diff(tt.wantFields, got, cmpopts.SortSlices(func(a, b string) bool { return a < b }), cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("invalid fields (-want +got):\n%s\n(%v)", diff, fields)
			}
			for f, msg := range fields {
				if msg == "" {
					t.Errorf("field %s has an empty message", f)
				}
			}
			if tt.want != nil {
				if diff := cmp.Diff(tt.want, n); diff != "" {
					t.Fatalf("node (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestApplyUpdate(t *testing.T) {
	tests := []struct {
		name       string
		in         NodeInput
		mod        func(*core.Node) // expected changes to existingNode
		wantFields []string
	}{
		{name: "nothing given keeps everything", in: NodeInput{}, mod: func(*core.Node) {}},
		{name: "empty secret keeps the old one", in: NodeInput{Secret: ptr("")}, mod: func(*core.Node) {}},
		{name: "blank secret keeps the old one", in: NodeInput{Secret: ptr("  ")}, mod: func(*core.Node) {}},
		{name: "new secret replaces", in: NodeInput{Secret: ptr("new")}, mod: func(n *core.Node) { n.Secret = "new" }},
		{name: "empty algorithm keeps the old one", in: NodeInput{Algorithm: ptr("")}, mod: func(*core.Node) {}},
		{name: "state change", in: NodeInput{State: ptr(core.NodeEnabled)}, mod: func(n *core.Node) { n.State = core.NodeEnabled }},
		{name: "capacity change", in: NodeInput{Capacity: ptr(10)}, mod: func(n *core.Node) { n.Capacity = 10 }},
		{name: "url change normalized", in: NodeInput{APIURL: ptr("https://bbb9.example.org")},
			mod: func(n *core.Node) { n.APIURL = "https://bbb9.example.org/bigbluebutton/api" }},
		{name: "rename", in: NodeInput{Name: ptr(" Big One ")}, mod: func(n *core.Node) { n.Name = "Big One" }},
		{name: "bad url refused", in: NodeInput{APIURL: ptr("not a url")}, wantFields: []string{"api_url"}},
		{name: "bad state refused", in: NodeInput{State: ptr("")}, wantFields: []string{"state"}},
		{name: "bad capacity refused", in: NodeInput{Capacity: ptr(0)}, wantFields: []string{"capacity"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := existingNode()
			err := apply(n, tt.in, false)
			fields := fieldsOf(t, err)
			var got []string
			for f := range fields {
				got = append(got, f)
			}
			if diff := cmp.Diff(tt.wantFields, got, cmpopts.SortSlices(func(a, b string) bool { return a < b }), cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("invalid fields (-want +got):\n%s", diff)
			}
			if tt.mod != nil {
				want := existingNode()
				tt.mod(want)
				if diff := cmp.Diff(want, n); diff != "" {
					t.Fatalf("node (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestLoadNodesFile(t *testing.T) {
	tests := []struct {
		name    string
		content string // "" with noFile: no file at all
		noFile  bool
		want    []FileNode
		wantErr string // substring
	}{
		{
			name: "tinyscale servers.json",
			content: `[{"host": "https://bbb1.example.org/bigbluebutton/api", "secret": "s1"},
			           {"host": "https://bbb2.example.org", "secret": "s2", "name": "two", "capacity": 300}]`,
			want: []FileNode{{Host: "https://bbb1.example.org/bigbluebutton/api", Secret: "s1"},
				{Host: "https://bbb2.example.org", Secret: "s2", Name: "two", Capacity: 300}},
		},
		{name: "empty list", content: `[]`, want: []FileNode{}},
		{name: "unknown fields ignored", content: `[{"host":"http://h","secret":"s","weight":3}]`,
			want: []FileNode{{Host: "http://h", Secret: "s"}}},
		{name: "missing file", noFile: true, wantErr: "SWITCHBOARD_NODES_FILE"},
		{name: "not JSON", content: `host=x`, wantErr: "not a JSON list"},
		{name: "object instead of list", content: `{"host":"http://h","secret":"s"}`, wantErr: "not a JSON list"},
		{name: "empty file", content: ``, wantErr: "not a JSON list"},
		{name: "missing secret", content: `[{"host":"http://h","secret":"s"},{"host":"http://h2"}]`, wantErr: "entry 2 needs host and secret"},
		{name: "missing host", content: `[{"secret":"s"}]`, wantErr: "entry 1 needs host and secret"},
		{name: "bad host", content: `[{"host":"ftp://h","secret":"s"}]`, wantErr: `entry 1 host "ftp://h"`},
		{name: "capacity not a number", content: `[{"host":"http://h","secret":"s","capacity":"big"}]`, wantErr: "not a JSON list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "servers.json")
			if !tt.noFile {
				if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			got, err := LoadNodesFile(path)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("LoadNodesFile = %v, want an error", got)
				}
				if !strings.HasPrefix(err.Error(), "SWITCHBOARD_NODES_FILE") || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %q, want it to start with SWITCHBOARD_NODES_FILE and mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("LoadNodesFile: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("entries (-want +got):\n%s", diff)
			}
		})
	}
}
