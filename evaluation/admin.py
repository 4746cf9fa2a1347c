from django.contrib import admin

from evaluation.models import (
    Aspect,
    Assessment,
    EvaluationRound,
    MasterPlan,
    PlanProgram,
    Question,
    RoundTeam,
    Scheme,
)


class PlanProgramInline(admin.TabularInline):
    model = PlanProgram
    extra = 0


@admin.register(MasterPlan)
class MasterPlanAdmin(admin.ModelAdmin):
    list_display = ["team", "number", "status", "approved_at"]
    list_filter = ["status", "team__program"]
    search_fields = ["team__region__name"]
    inlines = [PlanProgramInline]


class AspectInline(admin.TabularInline):
    model = Aspect
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "created_at"]
    list_filter = ["program"]
    inlines = [AspectInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "aspect", "evidence_required"]
    list_filter = ["aspect__scheme__program"]


class RoundTeamInline(admin.TabularInline):
    model = RoundTeam
    extra = 0
    fields = ["team", "status", "index"]
    readonly_fields = ["index"]


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "program", "status", "period_start", "period_end"]
    list_filter = ["status", "program"]
    inlines = [RoundTeamInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["round_team", "assessor", "submitted_at"]
    list_filter = ["round_team__round"]
