"""The Bishkek City Hall portal: its Pelican plugins and the machinery they share."""
