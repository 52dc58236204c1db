"""Demo data for `manage.py seed_demo`: the stories of TechnoHUB Woerden and Technohub NOP.

`data` holds the facts (organisations, people, courses, the term's plan); `builder` turns them
into rows through the domain services.
"""
