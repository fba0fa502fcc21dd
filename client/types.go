package client

import (
	"encoding/json"
	"time"

	"github.com/sailtui/sailtui/patchdiff"
)

// Wire models for the two resources sailtui manages. Field names and JSON
// tags follow ../shared/docs/isc-api.md exactly; unknown fields are ignored
// on decode so newer servers do not break older clients.

// PatOwner is the owner of a personal access token. Type is always "IDENTITY".
type PatOwner struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// PersonalAccessToken is GetPersonalAccessTokenResponse: a list item and the
// result of a PATCH. Pointer fields are nullable on the wire.
type PersonalAccessToken struct {
	ID                         string     `json:"id"`
	Name                       string     `json:"name"`
	Scope                      []string   `json:"scope"`
	Owner                      PatOwner   `json:"owner"`
	Created                    time.Time  `json:"created"`
	LastUsed                   *time.Time `json:"lastUsed"`
	Managed                    bool       `json:"managed"`
	AccessTokenValiditySeconds int        `json:"accessTokenValiditySeconds"`
	ExpirationDate             *time.Time `json:"expirationDate"`
	// UserAwareTokenNeverExpires exists only in v2025/v2026/v1.
	UserAwareTokenNeverExpires bool `json:"userAwareTokenNeverExpires,omitempty"`

	// How the server sent these (see patdoc.go); zero for tokens built in Go.
	expirationText string
	userAwareSent  bool
}

// CreatePATRequest is CreatePersonalAccessTokenRequest. Only Name is required.
type CreatePATRequest struct {
	Name                       string     `json:"name"`
	Scope                      []string   `json:"scope,omitempty"`
	AccessTokenValiditySeconds *int       `json:"accessTokenValiditySeconds,omitempty"`
	ExpirationDate             *time.Time `json:"expirationDate,omitempty"`
	// UserAwareTokenNeverExpires must be true when ExpirationDate is nil
	// (v2025/v2026/v1 only).
	UserAwareTokenNeverExpires *bool `json:"userAwareTokenNeverExpires,omitempty"`
}

// CreatedPAT is CreatePersonalAccessTokenResponse. Secret appears only here,
// once. Never log it, never persist it.
type CreatedPAT struct {
	ID                         string     `json:"id"`
	Secret                     string     `json:"secret"`
	Scope                      []string   `json:"scope"`
	Name                       string     `json:"name"`
	Owner                      PatOwner   `json:"owner"`
	Created                    time.Time  `json:"created"`
	AccessTokenValiditySeconds int        `json:"accessTokenValiditySeconds"`
	ExpirationDate             *time.Time `json:"expirationDate"`
}

// BaseReference is BaseReferenceDto: {type, id, name}.
type BaseReference struct {
	Type string `json:"type,omitempty"`
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// AccountSource is the account source of a source app.
type AccountSource struct {
	ID                       string          `json:"id,omitempty"`
	Type                     string          `json:"type,omitempty"`
	Name                     string          `json:"name,omitempty"`
	UseForPasswordManagement bool            `json:"useForPasswordManagement"`
	PasswordPolicies         []BaseReference `json:"passwordPolicies"`
}

// SourceApp is returned by GET, list, create and delete. When it is the
// PATCH response (SourceAppPatchDto) AccessProfiles is filled too.
type SourceApp struct {
	ID                      string         `json:"id"`
	CloudAppID              string         `json:"cloudAppId,omitempty"`
	Name                    string         `json:"name"`
	Created                 time.Time      `json:"created"`
	Modified                time.Time      `json:"modified"`
	Enabled                 bool           `json:"enabled"`
	ProvisionRequestEnabled bool           `json:"provisionRequestEnabled"`
	Description             string         `json:"description"`
	MatchAllAccounts        bool           `json:"matchAllAccounts"`
	AppCenterEnabled        bool           `json:"appCenterEnabled"`
	AccountSource           *AccountSource `json:"accountSource"`
	Owner                   *BaseReference `json:"owner"`
	// AccessProfiles is only present in the PATCH response.
	AccessProfiles []string `json:"accessProfiles,omitempty"`
}

// SourceAppCreate is SourceAppCreateDto. name, description, accountSource.id are required.
type SourceAppCreate struct {
	Name             string        `json:"name"`
	Description      string        `json:"description"`
	MatchAllAccounts bool          `json:"matchAllAccounts,omitempty"`
	AccountSource    AccountSource `json:"accountSource"`
}

// AccessProfileDetails describes an access profile attached to a source app.
type AccessProfileDetails struct {
	ID                           string          `json:"id"`
	Name                         string          `json:"name"`
	Description                  *string         `json:"description"`
	Created                      time.Time       `json:"created"`
	Modified                     time.Time       `json:"modified"`
	Disabled                     bool            `json:"disabled"`
	Requestable                  bool            `json:"requestable"`
	Protected                    bool            `json:"protected"`
	OwnerID                      string          `json:"ownerId"`
	SourceID                     *int64          `json:"sourceId"`
	SourceName                   string          `json:"sourceName"`
	AppID                        *int64          `json:"appId"`
	AppName                      *string         `json:"appName"`
	ApplicationID                string          `json:"applicationId"`
	Type                         string          `json:"type"`
	Entitlements                 []string        `json:"entitlements"`
	EntitlementCount             int             `json:"entitlementCount"`
	Segments                     []string        `json:"segments"`
	ApprovalSchemes              string          `json:"approvalSchemes"`
	RevokeRequestApprovalSchemes string          `json:"revokeRequestApprovalSchemes"`
	RequestCommentsRequired      bool            `json:"requestCommentsRequired"`
	DeniedCommentsRequired       bool            `json:"deniedCommentsRequired"`
	AccountSelector              json.RawMessage `json:"accountSelector,omitempty"`
}

// BulkUpdateRequest is SourceAppBulkUpdateRequest (≤ 50 app ids per call).
type BulkUpdateRequest struct {
	AppIDs    []string        `json:"appIds"`
	JSONPatch patchdiff.Patch `json:"jsonPatch"`
}

// ErrorMessage is ErrorMessageDto.
type ErrorMessage struct {
	Locale       *string `json:"locale"`
	LocaleOrigin *string `json:"localeOrigin"`
	Text         string  `json:"text"`
}

// ErrorResponse is ErrorResponseDto, used for 400, 403, 404 and 500.
type ErrorResponse struct {
	DetailCode string         `json:"detailCode"`
	TrackingID string         `json:"trackingId"`
	Messages   []ErrorMessage `json:"messages"`
	Causes     []ErrorMessage `json:"causes"`
}

// TokenResponse is the body of POST /oauth/token.
type TokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope,omitempty"`
	TenantID    string `json:"tenant_id,omitempty"`
	Org         string `json:"org,omitempty"`
	Pod         string `json:"pod,omitempty"`
	IdentityID  string `json:"identity_id,omitempty"`
	UserName    string `json:"user_name,omitempty"`
	JTI         string `json:"jti,omitempty"`
}
