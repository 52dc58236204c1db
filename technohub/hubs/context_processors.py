from technohub.hubs import access


def navigation(request):
    """What the page header needs to show the right links for this user's roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "coordinator": access.is_coordinator(user),
            "contact": access.is_contact(user),
            "trainer": access.is_trainer(user),
            "learner": access.person_of(user) is not None,
        }
    }
