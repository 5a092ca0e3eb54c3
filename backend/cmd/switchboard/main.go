// Command switchboard runs the Switchboard server and its admin tasks.
//
//	switchboard serve                  run the API, join routes, gateway and poller
//	switchboard migrate                apply database migrations and exit
//	switchboard admin create-user ...  create an account (--admin for an administrator)
//	switchboard admin seed-nodes FILE  register the nodes of a tinyscale servers.json
//	switchboard config                 print every setting with its default
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"switchboard/backend/internal/app"
	"switchboard/backend/internal/config"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "switchboard:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		args = []string{"serve"}
	}
	switch args[0] {
	case "serve":
		return serve()
	case "migrate":
		return migrate()
	case "admin":
		return admin(args[1:], stdout)
	case "config":
		for _, s := range config.Settings {
			fmt.Fprintf(stdout, "%-32s %-24q %s\n", s.Name, s.Default, s.Help)
		}
		return nil
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, "usage: switchboard serve | migrate | admin create-user --email E --name N --password P [--admin] | config")
		return nil
	}
	return fmt.Errorf("unknown command %q (try: serve, migrate, admin, config)", args[0])
}

func logger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

func serve() error {
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	log := logger(cfg.LogLevel)
	slog.SetDefault(log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := app.New(cfg, log)
	if err := a.Start(ctx); err != nil {
		_ = a.Close()
		return err
	}
	<-ctx.Done()
	log.Info("shutting down: finishing requests, stopping the poller, closing the database")
	return a.Close()
}

// dbOnlyConfig reads just DATABASE_URL for commands that need nothing else.
func dbOnlyConfig() (*config.Config, error) {
	dsn := os.Getenv("DATABASE_URL")
	if dsn == "" {
		return nil, errors.New("DATABASE_URL is required (a PostgreSQL URL like postgres://user:pass@host:5432/switchboard)")
	}
	return &config.Config{DatabaseURL: dsn, BcryptCost: 11}, nil
}

func migrate() error {
	cfg, err := dbOnlyConfig()
	if err != nil {
		return err
	}
	db, err := app.OpenDB(context.Background(), cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Migrate(context.Background())
}

func admin(args []string, stdout io.Writer) error {
	if len(args) == 2 && args[0] == "seed-nodes" {
		cfg, err := dbOnlyConfig()
		if err != nil {
			return err
		}
		n, err := app.SeedNodes(context.Background(), cfg, args[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "nodes file %s: %d nodes registered or updated\n", args[1], n)
		return nil
	}
	if len(args) == 0 || args[0] != "create-user" {
		return errors.New("usage: switchboard admin create-user --email E --name N --password P [--admin]\n       switchboard admin seed-nodes SERVERS_JSON")
	}
	fs := flag.NewFlagSet("create-user", flag.ContinueOnError)
	email := fs.String("email", "", "email address")
	name := fs.String("name", "", "display name")
	password := fs.String("password", "", "password (at least 8 characters)")
	isAdmin := fs.Bool("admin", false, "make the user an administrator")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	cfg, err := dbOnlyConfig()
	if err != nil {
		return err
	}
	u, err := app.CreateUser(context.Background(), cfg, *email, *name, *password, *isAdmin)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s %s (%s)\n", u.Role, u.Email, u.ID)
	return nil
}
