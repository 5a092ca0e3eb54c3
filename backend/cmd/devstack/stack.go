// The stack: Postgres, bbbsim, switchboard and nginx, started in order and
// stopped in reverse.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"switchboard/backend/internal/bbbsim"
	"switchboard/backend/internal/pgcluster"
)

type stack struct {
	o       options
	root    string // repo root
	dir     string // state directory (absolute)
	logDir  string
	nginx   string // nginx binary
	spa     string
	sbBin   string
	secrets map[string]string

	pg      *pgcluster.Cluster
	sim     *bbbsim.Sim
	simBase string
	sbPort  int
	sbChild *child
	ngChild *child
	httpURL string

	died chan error
}

func newStack(o options) (*stack, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(root, p)
	}
	s := &stack{o: o, root: root, died: make(chan error, 2)}

	// Check what we need before starting anything.
	s.sbBin = abs(o.switchboard)
	if fi, err := os.Stat(s.sbBin); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
		return nil, fmt.Errorf("switchboard binary %s not found: build it with `go build -o bin/switchboard ./backend/cmd/switchboard` (or `make build`)", s.sbBin)
	}
	s.spa = abs(o.spa)
	if _, err := os.Stat(filepath.Join(s.spa, "index.html")); err != nil {
		return nil, fmt.Errorf("no built SPA in %s: run `npm --prefix frontend ci && npm --prefix frontend run build`", s.spa)
	}
	s.nginx, err = findNginx()
	if err != nil {
		return nil, err
	}
	nginxDir := abs(o.nginxDir)
	for _, f := range []string{"nginx.conf", "mime.types", "switchboard.conf.template"} {
		if _, err := os.Stat(filepath.Join(nginxDir, f)); err != nil {
			return nil, fmt.Errorf("nginx config: %v", err)
		}
	}
	s.o.nginxDir = nginxDir

	if o.ephemeral {
		s.dir, err = os.MkdirTemp("", "switchboard-devstack-")
		if err != nil {
			return nil, err
		}
	} else {
		s.dir = abs(o.data)
		if err := os.MkdirAll(s.dir, 0o755); err != nil {
			return nil, err
		}
	}
	// Reachable by the unprivileged user Postgres (and nginx workers) run as under root.
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return nil, err
	}
	s.logDir = filepath.Join(s.dir, "logs")
	if err := os.MkdirAll(s.logDir, 0o755); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *stack) start(ctx context.Context) error {
	var err error
	if s.secrets, err = loadSecrets(filepath.Join(s.dir, "secrets.env")); err != nil {
		return err
	}

	// 1. PostgreSQL
	pgLog, err := os.Create(filepath.Join(s.logDir, "postgres.log"))
	if err != nil {
		return err
	}
	fmt.Printf("starting PostgreSQL in %s ...\n", filepath.Join(s.dir, "pg"))
	s.pg, err = pgcluster.Start(ctx, pgcluster.Options{Dir: filepath.Join(s.dir, "pg"), Ephemeral: s.o.ephemeral, Log: pgLog})
	if err != nil {
		return fmt.Errorf("postgres: %v (see %s)", err, pgLog.Name())
	}
	if err := s.pg.CreateDatabase(ctx, "switchboard"); err != nil {
		return err
	}

	// 2. bbbsim, in-process, on a port kept across runs so the seeded node URLs stay valid.
	if err := s.startSim(); err != nil {
		return err
	}

	// 3. switchboard
	if s.sbPort, err = freePort(); err != nil {
		return err
	}
	httpPort := s.o.httpPort
	if httpPort == 0 {
		if httpPort, err = freePort(); err != nil {
			return err
		}
	} else if err := portFree(httpPort); err != nil {
		return fmt.Errorf("http port %d is taken (%v): pick another with -http-port N, or -http-port 0", httpPort, err)
	}
	s.httpURL = fmt.Sprintf("http://localhost:%d", httpPort)
	if err := s.startSwitchboard(ctx); err != nil {
		return err
	}

	// 4. nginx
	return s.startNginx(ctx, httpPort)
}

func (s *stack) startSim() error {
	port, _ := strconv.Atoi(s.secrets["DEVSTACK_BBBSIM_PORT"])
	if port == 0 || portFree(port) != nil {
		p, err := freePort()
		if err != nil {
			return err
		}
		if port != 0 {
			fmt.Printf("bbbsim port %d is taken; using %d (the old node URLs stay in the database as offline nodes)\n", port, p)
		}
		port = p
		s.secrets["DEVSTACK_BBBSIM_PORT"] = strconv.Itoa(port)
		if err := saveSecrets(filepath.Join(s.dir, "secrets.env"), s.secrets); err != nil {
			return err
		}
	}
	s.sim = bbbsim.New(bbbsim.Options{
		Nodes:     s.o.nodes,
		Secret:    s.secrets["BBBSIM_SECRET"],
		PublicURL: fmt.Sprintf("http://127.0.0.1:%d", port),
	})
	base, err := s.sim.Start(fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return fmt.Errorf("bbbsim: %v", err)
	}
	s.simBase = base
	type fileNode struct {
		Name   string `json:"name"`
		Host   string `json:"host"`
		Secret string `json:"secret"`
	}
	var nodes []fileNode
	for i := 1; i <= s.o.nodes; i++ {
		nodes = append(nodes, fileNode{Name: fmt.Sprintf("bbbsim-%d", i), Host: s.sim.NodeAPIURL(i), Secret: s.sim.Secret()})
	}
	b, _ := json.MarshalIndent(nodes, "", "  ")
	return os.WriteFile(filepath.Join(s.dir, "nodes.json"), append(b, '\n'), 0o600)
}

func (s *stack) switchboardEnv() []string {
	env := os.Environ()
	setDefault := func(k, v string) {
		if _, ok := os.LookupEnv(k); !ok && v != "" {
			env = append(env, k+"="+v)
		}
	}
	setDefault("SWITCHBOARD_REGISTRATION", "open")
	setDefault("SWITCHBOARD_POLL_INTERVAL", s.o.pollInterval)
	// These make up the stack: they win over the caller's environment.
	env = append(env,
		"DATABASE_URL="+s.pg.DSN("switchboard"),
		fmt.Sprintf("SWITCHBOARD_LISTEN=127.0.0.1:%d", s.sbPort),
		"SWITCHBOARD_PUBLIC_URL="+s.httpURL,
		"SWITCHBOARD_JWT_SECRET="+s.secrets["SWITCHBOARD_JWT_SECRET"],
		"SWITCHBOARD_GATEWAY_SECRET="+s.secrets["SWITCHBOARD_GATEWAY_SECRET"],
		"SWITCHBOARD_ADMIN_EMAIL="+adminEmail,
		"SWITCHBOARD_ADMIN_PASSWORD="+s.secrets["SWITCHBOARD_ADMIN_PASSWORD"],
		"SWITCHBOARD_NODES_FILE="+filepath.Join(s.dir, "nodes.json"),
		"SWITCHBOARD_TRUSTED_PROXIES=127.0.0.1/32,::1/128",
	)
	return env
}

func (s *stack) startSwitchboard(ctx context.Context) error {
	c, err := s.spawn("switchboard", s.sbBin, []string{"serve"}, s.switchboardEnv())
	if err != nil {
		return err
	}
	s.sbChild = c
	fmt.Printf("starting switchboard on 127.0.0.1:%d ...\n", s.sbPort)
	return s.waitHTTP(ctx, c, fmt.Sprintf("http://127.0.0.1:%d/readyz", s.sbPort), 90*time.Second)
}

func (s *stack) printSummary() {
	fmt.Println()
	fmt.Println("Switchboard is running")
	fmt.Printf("  portal        %s\n", s.httpURL)
	fmt.Printf("  admin login   %s / %s\n", adminEmail, s.secrets["SWITCHBOARD_ADMIN_PASSWORD"])
	fmt.Printf("  BBB gateway   %s/bigbluebutton/api  (secret %s)\n", s.httpURL, s.secrets["SWITCHBOARD_GATEWAY_SECRET"])
	for i := 1; i <= s.o.nodes; i++ {
		fmt.Printf("  bbbsim node %d %s  (secret %s)\n", i, s.sim.NodeAPIURL(i), s.sim.Secret())
	}
	fmt.Printf("  metrics       http://127.0.0.1:%d/metrics  (not exposed through nginx)\n", s.sbPort)
	fmt.Printf("  database      %s\n", s.pg.DSN("switchboard"))
	fmt.Printf("  logs          %s\n", strings.Join([]string{
		filepath.Join(s.logDir, "switchboard.log"),
		filepath.Join(s.logDir, "nginx.log"),
		filepath.Join(s.dir, "nginx", "logs", "error.log"),
		filepath.Join(s.dir, "nginx", "logs", "access.log"),
		filepath.Join(s.logDir, "postgres.log"),
		filepath.Join(s.dir, "pg", "postgres.log"),
	}, "\n                "))
	if s.o.ephemeral {
		fmt.Printf("  data          %s (deleted at exit)\n", s.dir)
	} else {
		fmt.Printf("  data          %s (reused by the next run; delete it to start over)\n", s.dir)
	}
	fmt.Println()
}

func (s *stack) runCommand(ctx context.Context, stop context.CancelFunc, argv []string) int {
	env := append(os.Environ(),
		"BASE_URL="+s.httpURL,
		"ADMIN_EMAIL="+adminEmail,
		"ADMIN_PASSWORD="+s.secrets["SWITCHBOARD_ADMIN_PASSWORD"],
		"BBBSIM_URL="+s.simBase,
		"BBBSIM_SECRET="+s.sim.Secret(),
		"GATEWAY_SECRET="+s.secrets["SWITCHBOARD_GATEWAY_SECRET"],
		"DATABASE_URL="+s.pg.DSN("switchboard"),
	)
	if chromium := findChromium(); chromium != "" {
		env = append(env, "CHROMIUM_PATH="+chromium)
	} else {
		fmt.Fprintln(os.Stderr, "devstack: no chromium found (apt-get install chromium, or set CHROMIUM_PATH)")
	}
	fmt.Printf("running %q ...\n", argv)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = childAttr()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "devstack:", err)
		return 127
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	var err error
	select {
	case err = <-waited:
	case <-ctx.Done():
		stop()
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case err = <-waited:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			err = <-waited
		}
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		if exit.ExitCode() >= 0 {
			return exit.ExitCode()
		}
		return 1
	default:
		fmt.Fprintln(os.Stderr, "devstack:", err)
		return 1
	}
}

// shutdown stops nginx, switchboard, bbbsim and postgres, in that order.
func (s *stack) shutdown() {
	stopChild(s.ngChild, syscall.SIGQUIT, 10*time.Second)
	stopChild(s.sbChild, syscall.SIGTERM, 20*time.Second)
	if s.sim != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_ = s.sim.Shutdown(ctx)
		cancel()
		s.sim.Close()
	}
	if s.pg != nil {
		if err := s.pg.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "devstack: stop postgres:", err)
		}
	}
	if s.o.ephemeral && s.dir != "" {
		if err := os.RemoveAll(s.dir); err != nil {
			fmt.Fprintln(os.Stderr, "devstack: remove", s.dir+":", err)
		}
	}
}
