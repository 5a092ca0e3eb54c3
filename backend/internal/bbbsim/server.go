// Package bbbsim simulates BigBlueButton nodes faithfully enough for the project's tests and benchmarks:
// one process serves N nodes under /n/{i}/bigbluebutton/api, with a JSON control API to make them
// busy, slow or broken.
package bbbsim

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultSecret is the shared secret when Options.Secret is empty.
const DefaultSecret = "bbbsim-secret"

type Options struct {
	Nodes     int    // 1..N; 0 means 1
	Secret    string // shared by all nodes; "" = DefaultSecret
	PublicURL string // base URL browsers and clients use; "" = the listener's URL (or the request's host)
}

type Sim struct {
	opts  Options
	nodes []*node // index 0 is node 1
	mux   *http.ServeMux
	calls map[string]apiHandler

	mu      sync.Mutex
	baseURL string
	srv     *http.Server
	done    chan struct{}
	closed  sync.Once
}

func New(opts Options) *Sim {
	if opts.Nodes <= 0 {
		opts.Nodes = 1
	}
	if opts.Secret == "" {
		opts.Secret = DefaultSecret
	}
	opts.PublicURL = strings.TrimRight(opts.PublicURL, "/")
	s := &Sim{opts: opts, done: make(chan struct{})}
	s.nodes = make([]*node, opts.Nodes)
	for i := range s.nodes {
		s.nodes[i] = newNode(i + 1)
	}
	s.calls = s.apiCalls()
	s.mux = http.NewServeMux()
	s.routes()
	return s
}

func (s *Sim) Handler() http.Handler { return s.mux }

func (s *Sim) Secret() string { return s.opts.Secret }

// Nodes is the number of simulated nodes.
func (s *Sim) Nodes() int { return len(s.nodes) }

// Start listens on addr (e.g. "127.0.0.1:0") and serves in the background.
func (s *Sim) Start(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: s.mux, ReadHeaderTimeout: 10 * time.Second}
	s.mu.Lock()
	s.baseURL = "http://" + ln.Addr().String()
	s.srv = srv
	base := s.baseURL
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	return base, nil
}

// BaseURL is PublicURL if set, else the listener's URL ("" before Start).
func (s *Sim) BaseURL() string {
	if s.opts.PublicURL != "" {
		return s.opts.PublicURL
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.baseURL
}

// NodeAPIURL is node i's BBB API URL, i = 1..N.
func (s *Sim) NodeAPIURL(i int) string {
	return fmt.Sprintf("%s/n/%d/bigbluebutton/api", s.BaseURL(), i)
}

// Shutdown stops the listener and waits for requests; hanging "timeout" requests are released first.
func (s *Sim) Shutdown(ctx context.Context) error {
	s.closed.Do(func() { close(s.done) })
	s.mu.Lock()
	srv := s.srv
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Shutdown(ctx)
}

// Close stops serving at once.
func (s *Sim) Close() {
	s.closed.Do(func() { close(s.done) })
	s.mu.Lock()
	srv := s.srv
	s.mu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
}

// publicBase is where redirects point: PublicURL, else the listener, else the request's own host.
func (s *Sim) publicBase(r *http.Request) string {
	if b := s.BaseURL(); b != "" {
		return b
	}
	return "http://" + r.Host
}

var errNoNode = errors.New("no such node")

func (s *Sim) node(i int) (*node, error) {
	if i < 1 || i > len(s.nodes) {
		return nil, fmt.Errorf("%w %d (have 1..%d)", errNoNode, i, len(s.nodes))
	}
	return s.nodes[i-1], nil
}

func (s *Sim) nodeFromPath(r *http.Request) (*node, error) {
	i, err := strconv.Atoi(r.PathValue("i"))
	if err != nil {
		return nil, fmt.Errorf("%w %q", errNoNode, r.PathValue("i"))
	}
	return s.node(i)
}

func (s *Sim) routes() {
	s.mux.HandleFunc("/n/{i}/bigbluebutton/api", s.nodeHandler(s.handleRoot))
	s.mux.HandleFunc("/n/{i}/bigbluebutton/api/{$}", s.nodeHandler(s.handleRoot))
	s.mux.HandleFunc("/n/{i}/bigbluebutton/api/{call}", s.nodeHandler(s.handleAPI))
	s.mux.HandleFunc("GET /n/{i}/client/join", s.nodeHandler(s.handleJoinPage))
	s.controlRoutes()
	s.prometheusRoutes()
}

// nodeHandler resolves the node and applies its latency and failure mode before the real handler.
func (s *Sim) nodeHandler(h func(http.ResponseWriter, *http.Request, *node)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n, err := s.nodeFromPath(r)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		n.mu.Lock()
		fail, latency := n.fail, n.latency
		n.mu.Unlock()
		if latency > 0 {
			t := time.NewTimer(latency)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			case <-s.done:
				t.Stop()
				return
			}
		}
		if fail != FailNone {
			s.misbehave(w, r, fail)
			return
		}
		h(w, r, n)
	}
}

func (s *Sim) misbehave(w http.ResponseWriter, r *http.Request, mode FailMode) {
	switch mode {
	case Fail500:
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	case FailTimeout:
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
	case FailRefuse:
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			panic(http.ErrAbortHandler) // HTTP/2 cannot hijack; aborting still drops the answer
		}
		_ = conn.Close()
	case FailGarbage:
		w.Header().Set("Content-Type", "text/xml;charset=utf-8")
		_, _ = w.Write([]byte("\x00garbage<<<response>not xml"))
	case FailHTML:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"))
	case FailEmpty:
		w.Header().Set("Content-Type", "text/xml;charset=utf-8")
		w.WriteHeader(http.StatusOK)
	}
}
