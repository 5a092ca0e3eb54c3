// Command devstack runs the whole Switchboard product on one machine without Docker:
// a PostgreSQL cluster (system initdb/pg_ctl), simulated BBB nodes (bbbsim, in-process),
// the switchboard binary, and nginx with the repo's config serving the built SPA.
//
// `make run` uses it interactively (Ctrl-C stops everything); the end-to-end tests use
// -run, which starts the stack, runs one command against it and exits with its code:
//
//	devstack                                   # .data/ reused across runs, http://localhost:8080
//	devstack -ephemeral -http-port 0 -run -- npm --prefix frontend run e2e
//	devstack -ephemeral -http-port 0 -run 'npm --prefix frontend run e2e'
//
// The command run by -run gets BASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD, CHROMIUM_PATH (and
// BBBSIM_URL, BBBSIM_SECRET, GATEWAY_SECRET, DATABASE_URL) in its environment.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

const adminEmail = "admin@switchboard.local"

type options struct {
	data         string
	ephemeral    bool
	httpPort     int
	run          bool
	switchboard  string
	spa          string
	nginxDir     string
	nodes        int
	pollInterval string
}

func main() {
	os.Exit(realMain())
}

func realMain() int {
	var o options
	flag.StringVar(&o.data, "data", ".data", "state directory (Postgres cluster, secrets, logs), reused across runs; relative to the repo root")
	flag.BoolVar(&o.ephemeral, "ephemeral", false, "use a temporary state directory, deleted at exit")
	flag.IntVar(&o.httpPort, "http-port", 8080, "port nginx listens on (127.0.0.1); 0 picks a free one")
	flag.BoolVar(&o.run, "run", false, "run the command given as the remaining arguments against the stack, then stop it and exit with the command's code")
	flag.StringVar(&o.switchboard, "switchboard", "bin/switchboard", "switchboard binary; relative to the repo root")
	flag.StringVar(&o.spa, "spa", "frontend/dist", "built SPA directory; relative to the repo root")
	flag.StringVar(&o.nginxDir, "nginx-dir", "nginx", "directory holding nginx.conf, mime.types and switchboard.conf.template; relative to the repo root")
	flag.IntVar(&o.nodes, "nodes", 2, "number of simulated BBB nodes")
	flag.StringVar(&o.pollInterval, "poll-interval", "", "SWITCHBOARD_POLL_INTERVAL for the app (default: the app's own, unless set in the environment)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: devstack [flags] [-run [--] COMMAND [ARGS...]]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	var runCmd []string
	if o.run {
		runCmd = flag.Args()
		if len(runCmd) == 1 && strings.ContainsAny(runCmd[0], " \t") {
			runCmd = []string{"sh", "-c", runCmd[0]}
		}
		if len(runCmd) == 0 {
			fmt.Fprintln(os.Stderr, "devstack: -run needs a command after the flags")
			return 2
		}
	} else if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "devstack: unexpected arguments %q (did you mean -run?)\n", flag.Args())
		return 2
	}

	s, err := newStack(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "devstack:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	defer s.shutdown()

	if err := s.start(ctx); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(os.Stderr, "devstack: interrupted")
			return 130
		}
		fmt.Fprintln(os.Stderr, "devstack:", err)
		return 1
	}
	s.printSummary()

	if runCmd != nil {
		return s.runCommand(ctx, stop, runCmd)
	}
	fmt.Println("Press Ctrl-C to stop.")
	select {
	case <-ctx.Done():
		stop() // a second Ctrl-C kills devstack at once (children still get SIGTERM)
		fmt.Println("\nstopping ...")
		return 0
	case err := <-s.died:
		fmt.Fprintln(os.Stderr, "devstack:", err)
		return 1
	}
}
