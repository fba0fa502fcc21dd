package audit

import (
	"net/url"
	"strings"

	"github.com/sailtui/sailtui/client"
)

// TenantKey is what identifies a tenant in a base URL, so that entries
// written under one spelling are found under another: the host in lower
// case without a trailing dot or a default port; every loopback name
// (localhost, 127.0.0.0/8, ::1) as one; an ISC tenant's API host and its
// UI host (acme.api.identitynow.com, acme.identitynow.com) as the tenant.
// Scheme, userinfo and path do not tell tenants apart.
func TenantKey(baseURL string) string {
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil || u.Host == "" {
		return strings.ToLower(strings.TrimRight(strings.TrimSpace(baseURL), "/"))
	}
	host, port := strings.ToLower(strings.TrimSuffix(u.Hostname(), ".")), u.Port()
	if (port == "443" && u.Scheme == "https") || (port == "80" && u.Scheme == "http") {
		port = ""
	}
	if client.IsLoopbackHost(host) {
		host = "loopback"
	}
	for _, domain := range []string{".identitynow.com", ".identitynow-demo.com"} {
		if name, ok := strings.CutSuffix(host, domain); ok {
			host = "isc:" + strings.TrimSuffix(name, ".api") + domain
		}
	}
	if port != "" {
		return host + ":" + port
	}
	return host
}

// SameTenant reports whether two base URLs name the same tenant.
func SameTenant(a, b string) bool { return TenantKey(a) == TenantKey(b) }
