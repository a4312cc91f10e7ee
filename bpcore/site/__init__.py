"""The site layer: what turns the engine's results into the pages of the site."""
