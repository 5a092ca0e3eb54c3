package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"switchboard/backend/internal/app"
	"switchboard/backend/internal/bbbsim"
	"switchboard/backend/internal/config"
	"switchboard/backend/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const (
	adminEmail    = "admin@example.org"
	adminPassword = "admin-password-1"
)

// harness is a whole Switchboard on 127.0.0.1:0 against real PostgreSQL
// and a bbbsim with several nodes. The poller's interval is an hour: tests
// call h.poll() to run a cycle exactly when they want one.
type harness struct {
	t    testing.TB
	app  *app.App
	sim  *bbbsim.Sim
	base string
	http *http.Client
}

type harnessOpts struct {
	nodes int
	env   map[string]string
	dsn   string
}

func newHarness(t testing.TB, o harnessOpts) *harness {
	t.Helper()
	return newHarnessWith(t, o, nil)
}

// newHarnessWith lets extra settings depend on the simulator's address.
func newHarnessWith(t testing.TB, o harnessOpts, simEnv func(simBase string) map[string]string) *harness {
	t.Helper()
	if o.nodes == 0 {
		o.nodes = 2
	}
	sim := bbbsim.New(bbbsim.Options{Nodes: o.nodes, Secret: "sim-secret"})
	if _, err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)

	var entries []map[string]any
	for i := 1; i <= o.nodes; i++ {
		entries = append(entries, map[string]any{"host": sim.NodeAPIURL(i), "secret": sim.Secret(), "name": fmt.Sprintf("sim-%d", i), "capacity": 100})
	}
	nodesFile := filepath.Join(t.TempDir(), "servers.json")
	data, _ := json.Marshal(entries)
	if err := os.WriteFile(nodesFile, data, 0o600); err != nil {
		t.Fatal(err)
	}
	dsn := o.dsn
	if dsn == "" {
		dsn = pgtest.DSN(t)
	}
	env := map[string]string{
		"DATABASE_URL":               dsn,
		"SWITCHBOARD_LISTEN":         "127.0.0.1:0",
		"SWITCHBOARD_PUBLIC_URL":     "http://switchboard.test",
		"SWITCHBOARD_JWT_SECRET":     "test-secret-test-secret-test-secret-123",
		"SWITCHBOARD_POLL_INTERVAL":  "1h",
		"SWITCHBOARD_POLL_TIMEOUT":   "2s",
		"SWITCHBOARD_ADMIN_EMAIL":    adminEmail,
		"SWITCHBOARD_ADMIN_PASSWORD": adminPassword,
		"SWITCHBOARD_NODES_FILE":     nodesFile,
		"SWITCHBOARD_BCRYPT_COST":    "4",
	}
	for k, v := range o.env {
		env[k] = v
	}
	if simEnv != nil {
		for k, v := range simEnv(sim.BaseURL()) {
			env[k] = v
		}
	}
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.ManualPolling = true
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := a.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	h := &harness{t: t, app: a, sim: sim, base: a.URL(),
		http: &http.Client{Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	h.poll() // the first cycle brings the seeded nodes online
	return h
}

// poll runs one poller cycle now.
func (h *harness) poll() {
	h.t.Helper()
	if err := h.app.Poller.Cycle(context.Background()); err != nil {
		h.t.Fatal(err)
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("not a JSON object (status %d): %s", r.status, r.body)
	}
	return m
}

func (r response) list(t testing.TB) []map[string]any {
	t.Helper()
	var m []map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("not a JSON list (status %d): %s", r.status, r.body)
	}
	return m
}

// errorCode returns error.code of an error answer.
func (r response) errorCode(t testing.TB) string {
	t.Helper()
	e, _ := r.json(t)["error"].(map[string]any)
	if e == nil {
		t.Fatalf("no error object in %s", r.body)
	}
	if msg, _ := e["message"].(string); msg == "" {
		t.Fatalf("error without message: %s", r.body)
	}
	return e["code"].(string)
}

func (r response) fields(t testing.TB) map[string]any {
	t.Helper()
	e, _ := r.json(t)["error"].(map[string]any)
	f, _ := e["fields"].(map[string]any)
	return f
}

// do sends a request; body may be nil, a string (sent raw) or a value (JSON).
func (h *harness) do(method, path, token string, body any) response {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	url := path
	if !strings.HasPrefix(path, "http") {
		url = h.base + path
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := h.http.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

func (h *harness) mustStatus(r response, want int) response {
	h.t.Helper()
	if r.status != want {
		h.t.Fatalf("status %d, want %d: %s", r.status, want, r.body)
	}
	return r
}

var userSeq atomic.Int64

// register signs up a fresh user and returns its access token.
func (h *harness) register(name string) string {
	h.t.Helper()
	email := fmt.Sprintf("%s-%d@example.org", strings.ToLower(name), userSeq.Add(1))
	r := h.mustStatus(h.do("POST", "/api/v1/auth/register", "", map[string]any{"email": email, "name": name, "password": "password-123"}), 201)
	return r.json(h.t)["access_token"].(string)
}

func (h *harness) adminToken() string {
	h.t.Helper()
	r := h.mustStatus(h.do("POST", "/api/v1/auth/login", "", map[string]any{"email": adminEmail, "password": adminPassword}), 200)
	return r.json(h.t)["access_token"].(string)
}

// createRoom returns the room object.
func (h *harness) createRoom(token, name string, settings map[string]any) map[string]any {
	h.t.Helper()
	body := map[string]any{"name": name}
	if settings != nil {
		body["settings"] = settings
	}
	return h.mustStatus(h.do("POST", "/api/v1/rooms", token, body), 201).json(h.t)
}

// moderatorKey and slug pull the link parts out of a room object.
func moderatorKey(room map[string]any) string {
	u := room["moderator_url"].(string)
	return u[strings.LastIndex(u, "/")+1:]
}

func slugOf(room map[string]any) string { return room["slug"].(string) }

// nodeOfJoinURL returns the bbbsim node index a join URL points at.
func nodeOfJoinURL(t testing.TB, joinURL string) int {
	t.Helper()
	var i int
	idx := strings.Index(joinURL, "/n/")
	if idx < 0 {
		t.Fatalf("join URL %q is not a bbbsim node URL", joinURL)
	}
	if _, err := fmt.Sscanf(joinURL[idx:], "/n/%d/", &i); err != nil {
		t.Fatalf("join URL %q: %v", joinURL, err)
	}
	return i
}

// nodeID finds a node's ID by name through the admin API.
func (h *harness) nodeID(admin, name string) string {
	h.t.Helper()
	for _, n := range h.mustStatus(h.do("GET", "/api/v1/admin/nodes", admin, nil), 200).list(h.t) {
		if n["name"] == name {
			return n["id"].(string)
		}
	}
	h.t.Fatalf("no node named %s", name)
	return ""
}
