package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/graphconform/graphconform/internal/mockgraph"
)

type tokenFlags struct {
	scopes  []string
	app     bool
	userID  string
	name    string
	appID   string
	appName string
}

func newTokenCommand(stdout io.Writer) *cobra.Command {
	var f tokenFlags
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Print an unsigned JWT for the mock: delegated scopes (scp) or, with --app, application roles",
		Long: `token prints an unsigned JWT (alg "none") for scenarios and client tests against 'graphconform serve'.
The mock reads its scp (delegated permissions) or roles (application permissions, with --app) and
answers 403 when none of them is a permission the operation's x-ms-permissions allows. It never
verifies a signature; real Graph refuses such a token.`,
		Example: `  graphconform token --scopes TeamworkDevice.ReadWrite.All --user-id 5b649834-7412-4cce-9e69-176e95a394f5
  graphconform token --app --scopes TeamworkDevice.ReadWrite.All,DeviceManagementConfiguration.ReadWrite.All
  curl -H "Authorization: Bearer $(graphconform token --scopes TeamworkDevice.Read.All)" …`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			token, err := mintToken(f)
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, token)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&f.scopes, "scopes", nil, "permissions, comma-separated: scp of a delegated token, or roles with --app")
	fl.BoolVar(&f.app, "app", false, "an app-only token: the permissions go to roles, not scp")
	fl.StringVar(&f.userID, "user-id", "", "the oid claim: the signed-in user (the mock names it as createdBy of a delegated token)")
	fl.StringVar(&f.name, "name", "", "the name claim of that user")
	fl.StringVar(&f.appID, "app-id", "", "the appid claim: the application (the mock names it as createdBy of an app-only token)")
	fl.StringVar(&f.appName, "app-name", "", "the app_displayname claim")
	return cmd
}

// mintToken checks the flags and mints the token they describe.
func mintToken(f tokenFlags) (string, error) {
	var permissions []string
	for _, s := range f.scopes {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if strings.ContainsAny(s, " \t") {
			return "", usageError("--scopes %q: a permission has no spaces; separate permissions with commas", s)
		}
		permissions = append(permissions, s)
	}
	claims := mockgraph.TokenClaims{UserID: f.userID, Name: f.name, AppID: f.appID, AppDisplayName: f.appName}
	if f.app {
		claims.Roles = permissions
	} else {
		claims.Scopes = permissions
	}
	return mockgraph.MintToken(claims), nil
}
