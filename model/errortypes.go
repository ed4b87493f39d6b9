package model

// ErrorType is the error_type of a Memset API error body, e.g.
// "ApiErrorBadParameters".
type ErrorType string

// The error types memset-order knows. Memset's full error table was not
// found (memset-api.md gap 4): the codes and statuses of the inferred ones
// live in ErrorTypes below, the one place to correct them.
const (
	// ErrorBadParameters: a parameter is missing, malformed or not allowed. Documented.
	ErrorBadParameters ErrorType = "ApiErrorBadParameters"
	// ErrorDoesNotExist: the named thing (service, invoice, job, method, discount code) does not exist. Documented.
	ErrorDoesNotExist ErrorType = "ApiErrorDoesNotExist"
	// ErrorAlreadyInProgress: the operation is already under way. Documented.
	ErrorAlreadyInProgress ErrorType = "ApiErrorAlreadyInProgress"
	// ErrorAuthentication: no API key, or a key Memset does not know. Inferred name.
	ErrorAuthentication ErrorType = "ApiErrorAuthenticationFailed"
	// ErrorThrottled: too many requests or failed logins. Inferred name.
	ErrorThrottled ErrorType = "ApiErrorThrottled"
	// ErrorPaymentMethod: the account's payment method cannot pay for this order. Inferred name.
	ErrorPaymentMethod ErrorType = "ApiErrorPaymentMethod"
	// ErrorInternal: Memset's side failed. Inferred name.
	ErrorInternal ErrorType = "ApiErrorInternal"
)

// ErrorTypeInfo is what is known of one error type.
type ErrorTypeInfo struct {
	Type   ErrorType
	Code   int // the error_code number
	Status int // the HTTP status it comes with
	Source Source
}

// ErrorTypes lists the error types with their codes and HTTP statuses.
var ErrorTypes = []ErrorTypeInfo{
	{ErrorDoesNotExist, 3, 404, SourceDocumented},
	{ErrorBadParameters, 2, 400, SourceInferred},     // name documented; code and status inferred
	{ErrorAlreadyInProgress, 6, 409, SourceInferred}, // name documented; code and status inferred
	{ErrorAuthentication, 4, 403, SourceClientSeen},  // code 4 seen over XML-RPC; name and status inferred
	{ErrorThrottled, 12, 429, SourceClientSeen},      // code 12 seen over XML-RPC; name and status inferred
	{ErrorPaymentMethod, 7, 402, SourceInferred},
	{ErrorInternal, 1, 500, SourceInferred},
}

// LookupErrorType returns what is known of t.
func LookupErrorType(t ErrorType) (ErrorTypeInfo, bool) {
	for _, e := range ErrorTypes {
		if e.Type == t {
			return e, true
		}
	}
	return ErrorTypeInfo{}, false
}
