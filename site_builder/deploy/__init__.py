"""Deploy: publishing by git push — the server's hooks that validate, build and switch releases — and the nginx
configuration that serves them."""
