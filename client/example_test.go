package client_test

import (
	"context"
	"fmt"
	"time"

	"github.com/sailtui/sailtui/client"
	"github.com/sailtui/sailtui/client/filter"
	"github.com/sailtui/sailtui/client/sandbox"
)

// Find stale tokens with a server-side filter and delete them in bulk,
// watching per-item progress and rate-limit waits.
func ExampleClient_DeletePATs() {
	srv, err := sandbox.New(sandbox.Options{Seed: 1, Tokens: 30})
	if err != nil {
		panic(err)
	}
	base, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	admin, _ := srv.Credentials()

	c, err := client.New(client.Config{
		BaseURL: base, ClientID: admin.ClientID, ClientSecret: admin.ClientSecret,
		OnWait: func(w client.WaitEvent) { /* show a countdown to w.Until */ },
	})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	cutoff := time.Now().AddDate(0, 0, -90)
	stale, err := c.ListPATs(ctx, client.ListPATsOptions{
		Filters: filter.Or(filter.IsNull("lastUsed"), filter.Le("lastUsed", cutoff)).String(),
	})
	if err != nil {
		panic(err)
	}
	var ids []string
	for _, p := range stale {
		if !p.Managed && p.ID != admin.ClientID { // never delete the token we are signed in with
			ids = append(ids, p.ID)
		}
	}
	sum := c.DeletePATs(ctx, ids, client.BulkOptions{}, func(e client.BulkEvent) {
		if e.State == client.ItemFailed {
			fmt.Println("failed:", e.ID, e.Err)
		}
	})
	fmt.Println(len(ids) > 0, sum.Done == len(ids), sum.Failed, sum.Skipped)
	// Output: true true 0 0
}
