"""Code generation: abstract statements (sympy) -> target code through printers and templates."""
